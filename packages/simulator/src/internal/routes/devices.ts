/**
 * Devices family: list, get, claim, provision, update (rename, notes, signal, product flags), flash, ping,
 * unclaim / remove, claim codes, serial lookup, unprotect, backups; variables, functions and diagnostics.
 */
import { asBool, asInt, asStringList, first, nowIso } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { isDeviceId, randomToken } from "../ids.js"
import { errB, noContent, ok, permissionDenied, type Reply } from "../reply.js"
import type { DeviceRecord, ProductRecord } from "../store/types.js"
import { callFunction, getVariable } from "./devices-calls.js"
import { registerDiagnostics } from "./devices-diagnostics.js"
import { isReply, resolveDevice, resolveOrg, resolveProduct } from "./shared.js"
import { deviceJson } from "./views.js"

const flash = (ctx: AuthedCtx, d: DeviceRecord): Reply => {
  const files = (ctx.parts ?? []).filter((p) => p.filename !== undefined)
  if (files.length === 0) return errB(400, "Nothing to do? No files were sent")
  const isBinary = first(ctx.body["file_type"]) === "binary" ||
    files.some((f) => /\.(bin|zip)$/i.test(f.filename!) || f.contentType === "application/zip") ||
    first(ctx.body["type"]) === "application/zip"
  if (d.online) {
    ctx.sim.publish({ name: "spark/flash/status", data: "started ", device: d })
    setTimeout(() => ctx.sim.publish({ name: "spark/flash/status", data: "success ", device: d }), 1).unref()
  }
  return isBinary ? ok({ id: d.id, status: "Update started" }) : ok({ ok: true, message: "Update started" })
}

/** Product-only attributes of a device update; returns an error reply or whether something was set. */
const updateProductFields = (
  ctx: AuthedCtx,
  d: DeviceRecord,
  p: ProductRecord,
  out: Record<string, unknown>
): Reply | boolean => {
  const b = ctx.body
  let touched = false
  if (b["development"] !== undefined) {
    d.development = asBool(b["development"]) === true
    out["development"] = d.development
    touched = true
  }
  if (b["desired_firmware_version"] !== undefined) {
    const v = b["desired_firmware_version"]
    if (v === null || v === "null" || v === "") d.desiredFirmwareVersion = null
    else {
      const n = asInt(v)
      if (n === undefined || !p.firmware.has(n)) return errB(400, "Firmware version not found in this product")
      d.desiredFirmwareVersion = n
      if (asBool(b["flash"]) === true) d.firmwareVersion = n
    }
    out["desired_firmware_version"] = d.desiredFirmwareVersion
    touched = true
  }
  if (b["groups"] !== undefined) {
    ctx.store.setGroups(p, d, asStringList(b["groups"]) ?? [])
    out["groups"] = d.groups
    touched = true
  }
  if (b["quarantined"] !== undefined) {
    d.quarantined = asBool(b["quarantined"]) === true
    out["quarantined"] = d.quarantined
    touched = true
  }
  return touched
}

const updateDevice = (ctx: AuthedCtx): Reply => {
  const r = resolveDevice(ctx)
  if (isReply(r)) return r
  const d = r.device
  if (ctx.bodyKind === "multipart") return flash(ctx, d)
  const b = ctx.body
  const out: Record<string, unknown> = { id: d.id }
  let touched = false
  if (b["name"] !== undefined) {
    const name = first(b["name"]) ?? ""
    if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) return errB(400, "Invalid device name")
    d.name = name
    out["name"] = name
    touched = true
  }
  if (b["notes"] !== undefined) {
    d.notes = b["notes"] === null ? null : (first(b["notes"]) ?? null)
    out["notes"] = d.notes
    touched = true
  }
  if (b["signal"] !== undefined) {
    const s = first(b["signal"])
    if (s !== "0" && s !== "1") return errB(400, "signal must be 0 or 1")
    out["connected"] = d.online
    out["signaling"] = s === "1"
    touched = true
  }
  if (b["firmware_updates_forced"] !== undefined) {
    d.firmwareUpdatesForced = asBool(b["firmware_updates_forced"]) === true
    out["firmware_updates_forced"] = d.firmwareUpdatesForced
    touched = true
  }
  if (b["firmware_updates_enabled"] !== undefined) {
    d.firmwareUpdatesEnabled = asBool(b["firmware_updates_enabled"]) !== false
    out["firmware_updates_enabled"] = d.firmwareUpdatesEnabled
    touched = true
  }
  if (r.product) {
    const p = updateProductFields(ctx, d, r.product, out)
    if (isReply(p)) return p
    touched = touched || p
  }
  if (!touched) return errB(400, "Nothing to do?")
  out["updated_at"] = nowIso()
  return ok(out)
}

const claimOrProvision = (ctx: AuthedCtx): Reply => {
  const s = ctx.store
  const productId = first(ctx.body["product_id"])
  const id = first(ctx.body["id"])
  if (id === undefined && productId !== undefined) {
    const p = s.products.find(productId)
    if (!p) return errB(404, "Product not found")
    const d = s.createDevice({
      name: `provisioned-${randomToken().slice(0, 6)}`,
      platformId: p.platformId,
      productId: p.id,
      owner: ctx.user.username
    })
    return ok(deviceJson(d, { full: true }))
  }
  if (id === undefined) return errB(400, "You must specify a device ID")
  const d = s.devices.get(id)
  if (!d) return errB(404, "Device not found")
  const claimed = () =>
    ok({ ok: true, id: d.id, deviceID: d.id, claimed: true, connected: d.online, user_id: ctx.user.id })
  if (d.owner === ctx.user.username) return claimed()
  if (d.owner !== undefined) {
    if (asBool(ctx.body["request_transfer"]) === true) return ok({ ok: true, transfer_id: s.objectIds.next() })
    return {
      status: 403,
      json: { ok: false, error: "That belongs to someone else.", errors: ["That belongs to someone else."] }
    }
  }
  s.devices.setOwner(d, ctx.user.username)
  return claimed()
}

const claimCode = (ctx: AuthedCtx, p: ProductRecord | undefined): Reply => {
  // an ICCID, when given, must be a SIM the caller (or the product) has
  const iccid = first(ctx.body["iccid"])
  if (iccid !== undefined) {
    const sim = ctx.store.sims.get(iccid)
    if (sim === undefined || (p ? sim.productId !== p.id : sim.owner !== ctx.user.username)) {
      return errB(404, "SIM not found")
    }
  }
  const code = Buffer.from(randomToken() + randomToken()).toString("base64").replace(/=+$/, "").slice(0, 63)
  const u = ctx.user.username
  const ids = p
    ? ctx.store.devices.inProduct(p.id).filter((d) => d.owner === u).map((d) => d.id)
    : ctx.store.devices.ownedIds(u)
  return ok({ claim_code: code, device_ids: ids })
}

const unprotect = (ctx: AuthedCtx): Reply => {
  const action = first(ctx.body["action"])
  if (action !== "prepare" && action !== "confirm") return errB(400, "action must be prepare or confirm")
  return ok(action === "prepare" ? { ok: true, server_nonce: randomToken().slice(0, 32) } : { ok: true })
}

const withDevice =
  (f: (ctx: AuthedCtx, d: DeviceRecord, p: ProductRecord | undefined) => Reply) => (ctx: AuthedCtx): Reply => {
    const r = resolveDevice(ctx)
    return isReply(r) ? r : f(ctx, r.device, r.product)
  }

export const registerDevices = (r: RouteTable): void => {
  r.get("/v1/devices", (ctx) => {
    const own = ctx.store.devices.ownedBy(ctx.user.username)
    own.sort((a, b) => (a.lastHandshakeAt < b.lastHandshakeAt ? 1 : a.lastHandshakeAt > b.lastHandshakeAt ? -1 : 0))
    return ok(own.map((d) => deviceJson(d)))
  })
  r.post("/v1/devices", claimOrProvision)
  r.post("/v1/device_claims", (ctx) => claimCode(ctx, undefined))
  r.post("/v1/products/:product/device_claims", (ctx) => {
    const p = resolveProduct(ctx, ctx.p["product"]!)
    return isReply(p) ? p : claimCode(ctx, p)
  })
  r.get("/v1/serial_numbers/:sn", (ctx) => {
    const d = ctx.store.devices.bySerialNumber(ctx.p["sn"]!)
    if (!d) return errB(404, "Serial number not found")
    return ok({
      ok: true,
      deviceID: d.id,
      device_id: d.id,
      serial_number: d.serialNumber,
      platform_id: d.platformId,
      iccid: d.iccid
    })
  })
  r.post("/v1/provisioning/:id", (ctx) => {
    const deviceID = first(ctx.body["deviceID"]) ?? ctx.p["id"]
    if (!deviceID || !isDeviceId(deviceID)) return { status: 400, json: { ok: false, error: "No deviceID provided" } }
    if (!first(ctx.body["publicKey"])) return { status: 400, json: { ok: false, error: "No key provided" } }
    const existing = ctx.store.devices.get(deviceID)
    if (existing && existing.owner !== undefined && existing.owner !== ctx.user.username) return permissionDenied()
    if (!existing) ctx.store.createDevice({ id: deviceID, name: `provisioned-${deviceID.slice(-6)}`, online: false })
    return ok({ ok: true, device_id: deviceID.toLowerCase() })
  })

  registerDiagnostics(r, "/v1")
  registerDiagnostics(r, "/v1/products/:product")

  // single device (user + product twins)
  for (const base of ["/v1/devices/:id", "/v1/products/:product/devices/:id"]) {
    r.get(base, withDevice((_ctx, d, p) => ok(deviceJson(d, { full: true, product: p !== undefined }))))
    r.put(base, updateDevice)
    r.put(`${base}/ping`, withDevice((_ctx, d) => ok({ online: d.online, ok: true })))
    r.put(`${base}/unprotect`, withDevice((ctx) => unprotect(ctx)))
    r.get(`${base}/:name`, getVariable)
    r.post(`${base}/:name`, callFunction)
  }
  r.put("/v1/orgs/:org/devices/:id/unprotect", (ctx) => {
    const org = resolveOrg(ctx)
    if (isReply(org)) return org
    // the device must belong to one of the org's products, like any device route: else Permission Denied
    const device = ctx.store.devices.get(ctx.p["id"]!)
    const product = device?.productId !== undefined ? ctx.store.products.get(device.productId) : undefined
    if (device === undefined || product?.orgId !== org.id) return permissionDenied()
    return unprotect(ctx)
  })
  r.put(
    "/v1/devices/:id/backup_files",
    withDevice((_ctx, d) => ({
      status: 200,
      raw: new Uint8Array(Buffer.from(`SIM-BACKUP ${d.id}\n`)),
      contentType: "application/octet-stream"
    }))
  )
  r.del(
    "/v1/devices/:id",
    withDevice((ctx, d) => {
      ctx.store.devices.setOwner(d, undefined)
      return ok({ ok: true })
    })
  )
  r.del(
    "/v1/products/:product/devices/:id",
    withDevice((ctx, d) => {
      ctx.store.devices.leaveProduct(d)
      if (asBool(ctx.body["deny"]) === true) d.quarantined = false
      return noContent()
    })
  )
  r.del(
    "/v1/products/:product/devices/:id/owner",
    withDevice((ctx, d) => {
      ctx.store.devices.setOwner(d, undefined)
      return ok({ ok: true })
    })
  )
}
