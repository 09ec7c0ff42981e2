import { errB, noContent, ok, permissionDenied, type Ctx, type HandlerResult, type Reply, type Router } from "../http.js"
import type { SseScope } from "../engine.js"
import type { DeviceRecord, ProductRecord } from "../store.js"
import { asBool, asInt, asStringList, first, isDeviceId, nowIso, objectId, randomToken } from "../util.js"
import { deviceJson, isReply, resolveDevice, resolveProduct } from "./common.js"

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const timedOut = (): Reply => ({ status: 408, json: { error: "Timed out." } })

// ------------------------------------------------------------------ variables & functions
const getVariable = async (ctx: Ctx): Promise<Reply> => {
  const r = resolveDevice(ctx)
  if (isReply(r)) return r
  const d = r.device
  const name = ctx.p["name"]!
  if (!d.online) return errB(404, "Device is offline")
  if (!Object.hasOwn(d.variables, name)) return errB(404, "Variable not found")
  if (d.unresponsive) {
    await delay(ctx.engine.options.deviceTimeoutMs)
    return timedOut()
  }
  const value = d.variables[name]!
  d.lastHeard = nowIso()
  if (first(ctx.query["format"]) === "raw") return { status: 200, raw: String(value), contentType: "text/plain; charset=utf-8" }
  return ok({
    cmd: "VarReturn",
    name,
    result: value,
    coreInfo: {
      last_app: d.lastApp,
      last_heard: d.lastHeard,
      connected: d.online,
      last_handshake_at: d.lastHandshakeAt,
      deviceID: d.id,
      product_id: d.productId ?? d.platformId
    }
  })
}

const callFunction = async (ctx: Ctx): Promise<Reply> => {
  const r = resolveDevice(ctx)
  if (isReply(r)) return r
  const d = r.device
  const name = ctx.p["name"]!
  const argRaw = ctx.body["arg"] ?? ctx.body["args"] ?? ""
  if (typeof argRaw === "object" && argRaw !== null && !Array.isArray(argRaw)) return errB(400, "Function argument must be a string")
  const arg = first(argRaw) ?? ""
  const max = ctx.engine.options.maxFunctionArgLength
  if (arg.length > max) return errB(400, `Argument too long: the maximum length is ${max} characters`)
  if (!d.online) return errB(404, "Device is offline")
  if (!Object.hasOwn(d.functions, name)) return errB(404, "Function not found")
  if (d.unresponsive) {
    await delay(ctx.engine.options.deviceTimeoutMs)
    return timedOut()
  }
  const behaviour = d.functions[name]!
  let value: number
  try {
    value = typeof behaviour === "function" ? behaviour(arg) : behaviour
  } catch (e) {
    return errB(400, e instanceof Error ? e.message : String(e))
  }
  d.lastHeard = nowIso()
  const format = first(ctx.body["format"]) ?? first(ctx.query["format"])
  if (format === "raw") return { status: 200, raw: String(value), contentType: "text/plain; charset=utf-8" }
  return ok({ id: d.id, name: d.name, last_app: d.lastApp, connected: d.online, return_value: value })
}

// ------------------------------------------------------------------ events
const decodePrefix = (ctx: Ctx): string | undefined => {
  const p = ctx.p["prefix"]
  return p === undefined || p === "" ? undefined : p
}

const stream = (scopeOf: (ctx: Ctx) => SseScope | Reply) => (ctx: Ctx): HandlerResult => {
  const scope = scopeOf(ctx)
  if (isReply(scope)) return scope
  return ctx.engine.openSse(ctx, scope, decodePrefix(ctx))
}

const userScope = (ctx: Ctx): SseScope => ({ kind: "user", username: ctx.user!.username })
const deviceScope = (ctx: Ctx): SseScope | Reply => {
  const d = ctx.store.findUserDevice(ctx.user!.username, ctx.p["id"]!)
  if (!d) return permissionDenied()
  return { kind: "device", deviceId: d.id }
}
const productScope = (ctx: Ctx): SseScope | Reply => {
  const p = resolveProduct(ctx, ctx.p["product"]!)
  if (isReply(p)) return p
  if (ctx.p["id"] !== undefined) {
    const d = ctx.store.devices.get(ctx.p["id"]!.toLowerCase())
    if (!d || d.productId !== p.id) return errB(404, "Device not found in this product")
    return { kind: "product", productId: p.id, deviceId: d.id }
  }
  return { kind: "product", productId: p.id }
}
const orgScope = (ctx: Ctx): SseScope | Reply => {
  const org = ctx.store.findOrg(ctx.p["org"]!)
  if (!org) return errB(404, "Organization not found")
  if (!org.members.includes(ctx.user!.username)) return { status: 403, json: { error: "Permission Denied", info: "You are not a member of this organization" } }
  const scope: { kind: "org"; orgId: string; productId?: number; deviceId?: string } = { kind: "org", orgId: org.id }
  if (ctx.p["product"] !== undefined) {
    const p = ctx.store.findProduct(ctx.p["product"]!)
    if (!p || p.orgId !== org.id) return errB(404, "Product not found")
    scope.productId = p.id
  }
  if (ctx.p["id"] !== undefined) scope.deviceId = ctx.p["id"]!.toLowerCase()
  return scope
}

const publishReply = (ctx: Ctx, product: ProductRecord | undefined): Reply => {
  const name = first(ctx.body["name"])
  if (!name) return errB(400, "Event name is required")
  if (name.length > 64) return errB(400, "Event name is too long (max 64 characters)")
  const data = ctx.body["data"]
  const dataStr = data === undefined || data === null ? null : typeof data === "string" ? data : first(data) ?? JSON.stringify(data)
  const ttl = asInt(ctx.body["ttl"]) ?? 60
  let device: DeviceRecord | undefined
  if (product) {
    const asDevice = first(ctx.body["as_device_id"])
    if (asDevice !== undefined) {
      device = ctx.store.devices.get(asDevice.toLowerCase())
      if (!device || device.productId !== product.id) return errB(404, "Device not found in this product")
    }
  }
  ctx.engine.publishEvent(ctx.engine.makeEvent({ name, data: dataStr, ttl, device, productId: product?.id, apiUser: ctx.user }))
  return ok({ ok: true })
}

// ------------------------------------------------------------------ device updates & flash
const flash = (ctx: Ctx, d: DeviceRecord): Reply => {
  const files = (ctx.parts ?? []).filter((p) => p.filename !== undefined)
  if (files.length === 0) return errB(400, "Nothing to do? No files were sent")
  const isBinary = first(ctx.body["file_type"]) === "binary" ||
    files.some((f) => /\.(bin|zip)$/i.test(f.filename!) || f.contentType === "application/zip") ||
    first(ctx.body["type"]) === "application/zip"
  const e = ctx.engine
  if (d.online) {
    e.publishEvent(e.makeEvent({ name: "spark/flash/status", data: "started ", device: d }))
    setTimeout(() => {
      e.publishEvent(e.makeEvent({ name: "spark/flash/status", data: "success ", device: d }))
    }, 1).unref()
  }
  if (isBinary) return ok({ id: d.id, status: "Update started" })
  return ok({ ok: true, message: "Update started" })
}

const updateDevice = (ctx: Ctx): Reply => {
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
        if (n === undefined || !r.product.firmware.has(n)) return errB(400, "Firmware version not found in this product")
        d.desiredFirmwareVersion = n
        if (asBool(b["flash"]) === true) d.firmwareVersion = n
      }
      out["desired_firmware_version"] = d.desiredFirmwareVersion
      touched = true
    }
    if (b["groups"] !== undefined) {
      const groups = asStringList(b["groups"]) ?? []
      for (const g of groups) ctx.store.ensureGroup(r.product, g)
      d.groups = groups
      out["groups"] = groups
      touched = true
    }
    if (b["quarantined"] !== undefined) {
      d.quarantined = asBool(b["quarantined"]) === true
      out["quarantined"] = d.quarantined
      touched = true
    }
  }
  if (!touched) return errB(400, "Nothing to do?")
  out["updated_at"] = nowIso()
  return ok(out)
}

// ------------------------------------------------------------------ diagnostics
export const vitalsPayload = (d: DeviceRecord): Record<string, unknown> => ({
  device: {
    network: {
      signal: { at: d.cellular ? "LTE Cat-M1" : "Wi-Fi", strength: 80, strength_units: "%", strengthv: -71, strengthv_units: "dBm", strengthv_type: d.cellular ? "RSRP" : "RSSI", quality: 60, quality_units: "%", qualityv: -10, qualityv_units: "dB", qualityv_type: d.cellular ? "RSRQ" : "SNR" },
      connection: { status: "connected", error: 0, disconnects: 1, attempts: 1, disconnect_reason: "none" }
    },
    cloud: {
      connection: { status: "connected", error: 0, attempts: 1, disconnects: 0, disconnect_reason: "none" },
      coap: { transmit: 10, retransmit: 0, unack: 0, round_trip: 120 },
      publish: { rate_limited: 0 }
    },
    power: { battery: { charge: 87.5, state: "discharging" }, source: "battery" },
    system: { uptime: 3600, memory: { used: 52000, total: 160000 } }
  },
  service: { device: { status: "ok" }, cloud: { uptime: 3600, publish: { sent: 12 } }, coap: { round_trip: 120 } }
})

const diagDevice = (ctx: Ctx): DeviceRecord | Reply => {
  const r = resolveDevice(ctx)
  if (isReply(r)) return r
  return r.device
}

const diagHistory = (ctx: Ctx, d: DeviceRecord) => {
  let list = ctx.store.diagnostics.get(d.id)
  if (!list) {
    list = [{ updated_at: d.lastHeard, deviceID: d.id, payload: vitalsPayload(d) }]
    ctx.store.diagnostics.set(d.id, list)
  }
  return list
}

const registerDiagnostics = (r: Router, base: string) => {
  r.post(`${base}/diagnostics/:id/update`, (ctx) => {
    const d = diagDevice(ctx)
    if (isReply(d)) return d
    if (d.online) {
      const rec = { updated_at: nowIso(), deviceID: d.id, payload: vitalsPayload(d) }
      diagHistory(ctx, d).push(rec)
      const e = ctx.engine
      e.publishEvent(e.makeEvent({ name: "spark/device/diagnostics/update", data: JSON.stringify(rec.payload), device: d }))
    }
    return ok({ ok: true }, 202)
  })
  r.get(`${base}/diagnostics/:id/last`, (ctx) => {
    const d = diagDevice(ctx)
    if (isReply(d)) return d
    const list = diagHistory(ctx, d)
    return ok({ diagnostics: list[list.length - 1] })
  })
  r.get(`${base}/diagnostics/:id/metadata`, (ctx) => {
    const d = diagDevice(ctx)
    if (isReply(d)) return d
    return ok({
      diagnostics_metadata: {
        device: {
          power: { battery: { charge: { title: "Battery charge", type: "number", priority: 1, units: { title: "%" }, ranges: [], values: [], messages: {}, describes: "battery state of charge" } } },
          system: { memory: { used: { title: "Memory used", type: "number", priority: 2, units: { title: "bytes" }, ranges: [], values: [], messages: {}, describes: "RAM in use" } } }
        },
        service: { device: { status: { title: "Device status", type: "string", priority: 1, units: {}, ranges: [], values: ["ok", "error"], messages: {}, describes: "overall health" } } }
      }
    })
  })
  r.get(`${base}/diagnostics/:id/summary`, (ctx) => {
    const d = diagDevice(ctx)
    if (isReply(d)) return d
    const end = new Date()
    const start = new Date(end.getTime() - 86_400_000)
    return ok({
      deviceID: d.id, memoryAvailable: 160000, bucketSize: 300000, startDate: start.toISOString(), endDate: end.toISOString(), hasBattery: d.cellular,
      samples: [{ timestamp: end.toISOString(), batteryCharging: false, batteryConnected: d.cellular, signalStrength: { max: 80, min: 70, avg: 75, med: 75, warnings: [] }, signalStrengthValue: -71, signalQuality: 60, roundTripTime: 120, memoryUsed: 52000, batteryCharge: 87.5 }]
    })
  })
  r.get(`${base}/diagnostics/:id`, (ctx) => {
    const d = diagDevice(ctx)
    if (isReply(d)) return d
    const sd = first(ctx.query["start_date"])
    const ed = first(ctx.query["end_date"])
    if ((sd !== undefined && Number.isNaN(Date.parse(sd))) || (ed !== undefined && Number.isNaN(Date.parse(ed)))) {
      return { status: 400, json: { error: "bad_request", description: "start_date and end_date must be ISO8601 formatted" } }
    }
    if (sd !== undefined && Date.parse(sd) < Date.now() - 31 * 86_400_000) {
      return { status: 400, json: { error: "bad_request", description: "start_date must not be more than than 30 days ago" } }
    }
    let list = diagHistory(ctx, d)
    if (sd !== undefined) list = list.filter((x) => x.updated_at >= new Date(sd).toISOString())
    if (ed !== undefined) list = list.filter((x) => x.updated_at <= new Date(ed).toISOString())
    if ((ctx.req.headers.accept ?? "").includes("text/csv")) {
      const csv = "updated_at,deviceID,battery_charge,memory_used\n" + list.map((x) => `${x.updated_at},${x.deviceID},87.5,52000`).join("\n") + "\n"
      return { status: 200, raw: csv, contentType: "text/csv; charset=utf-8" }
    }
    return ok({ diagnostics: list })
  })
}

// ------------------------------------------------------------------ compile & binaries
const compile = (ctx: Ctx): Reply => {
  if (ctx.bodyKind !== "multipart") return errB(400, "Compile requests must be multipart/form-data")
  const files = (ctx.parts ?? []).filter((p) => p.filename !== undefined)
  if (files.length === 0) return { status: 400, json: { ok: false, errors: ["No source files were sent"] } }
  const errors: Array<string> = []
  for (const f of files) {
    const text = Buffer.from(f.data).toString("utf8")
    const lines = text.split("\n")
    lines.forEach((l, i) => {
      if (/^\s*#error\b/.test(l)) errors.push(`${f.filename}:${i + 1}:2: error: #error ${l.replace(/^\s*#error\s*/, "")}`)
    })
  }
  if (errors.length > 0) return { status: 400, json: { ok: false, errors, output: "Compiler failed", stdout: "", error: errors.join("\n") } }
  const target = first(ctx.body["build_target_version"]) ?? "6.2.1"
  const platformId = asInt(ctx.body["platform_id"]) ?? 6
  const header = Buffer.from(`PARTICLE-SIM-BINARY platform=${platformId} target=${target}\n`)
  const data = new Uint8Array(Buffer.concat([header, ...files.map((f) => Buffer.from(f.data))]))
  const id = objectId()
  const expires = new Date(Date.now() + 86_400_000).toISOString()
  ctx.store.binaries.set(id, { id, data, owner: ctx.user!.username, expiresAt: expires })
  return ok({
    ok: true, binary_id: id, binary_url: `/v1/binaries/${id}`, build_target_version: target, expires_at: expires,
    sizeInfo: `   text\t   data\t    bss\t    dec\t    hex\tfilename\n  ${data.length}\t    952\t   9368\t ${data.length + 10320}\t  ${(data.length + 10320).toString(16)}\t`
  })
}

// ------------------------------------------------------------------ registration
export const registerDevices = (r: Router): void => {
  // SSE streams (before the generic device routes)
  r.get("/v1/events", () => errB(400, "event prefix filter is required"))
  r.get("/v1/events/*prefix", stream(userScope))
  r.get("/v1/devices/events", stream(userScope))
  r.get("/v1/devices/events/*prefix", stream(userScope))
  r.post("/v1/devices/events", (ctx) => publishReply(ctx, undefined))
  r.get("/v1/devices/:id/events", stream(deviceScope))
  r.get("/v1/devices/:id/events/*prefix", stream(deviceScope))
  r.get("/v1/products/:product/events", stream(productScope))
  r.get("/v1/products/:product/events/*prefix", stream(productScope))
  r.post("/v1/products/:product/events", (ctx) => {
    const p = resolveProduct(ctx, ctx.p["product"]!)
    if (isReply(p)) return p
    return publishReply(ctx, p)
  })
  r.get("/v1/products/:product/devices/:id/events", stream(productScope))
  r.get("/v1/products/:product/devices/:id/events/*prefix", stream(productScope))
  for (const mid of ["", "/products/:product", "/devices/:id", "/products/:product/devices/:id", "/devices"]) {
    r.get(`/v1/orgs/:org${mid}/events`, stream(orgScope))
    r.get(`/v1/orgs/:org${mid}/events/*prefix`, stream(orgScope))
  }

  // device list / claim / provision
  r.get("/v1/devices", (ctx) => {
    const own = [...(ctx.store.devicesByOwner.get(ctx.user!.username)?.values() ?? [])]
    own.sort((a, b) => (a.lastHandshakeAt < b.lastHandshakeAt ? 1 : a.lastHandshakeAt > b.lastHandshakeAt ? -1 : 0))
    return ok(own.map((d) => deviceJson(ctx.store, d)))
  })
  r.post("/v1/devices", (ctx) => {
    const s = ctx.store
    const productId = first(ctx.body["product_id"])
    const id = first(ctx.body["id"])
    if (id === undefined && productId !== undefined) {
      const p = s.findProduct(productId)
      if (!p) return errB(404, "Product not found")
      const d = s.createDevice({ name: `provisioned-${randomToken().slice(0, 6)}`, platformId: p.platformId, productId: p.id, owner: ctx.user!.username })
      return ok(deviceJson(s, d, { full: true }))
    }
    if (id === undefined) return errB(400, "You must specify a device ID")
    const d = s.devices.get(id.toLowerCase())
    if (!d) return errB(404, "Device not found")
    if (d.owner === ctx.user!.username) return ok({ ok: true, id: d.id, deviceID: d.id, claimed: true, connected: d.online, user_id: ctx.user!.id })
    if (d.owner !== undefined) {
      if (asBool(ctx.body["request_transfer"]) === true) return ok({ ok: true, transfer_id: objectId() })
      return { status: 403, json: { ok: false, error: "That belongs to someone else.", errors: ["That belongs to someone else."] } }
    }
    s.setOwner(d, ctx.user!.username)
    return ok({ ok: true, id: d.id, deviceID: d.id, claimed: true, connected: d.online, user_id: ctx.user!.id })
  })
  const claimCode = (ctx: Ctx, p: ProductRecord | undefined): Reply => {
    // an ICCID, when given, must be a SIM the caller (or the product) has
    const iccid = first(ctx.body["iccid"])
    if (iccid !== undefined) {
      const sim = ctx.store.sims.get(iccid)
      if (sim === undefined || (p ? sim.productId !== p.id : sim.owner !== ctx.user!.username)) return errB(404, "SIM not found")
    }
    const code = Buffer.from(randomToken() + randomToken()).toString("base64").replace(/=+$/, "").slice(0, 63)
    const ids = p ? p.devices.filter((d) => d.owner === ctx.user!.username).map((d) => d.id) : [...(ctx.store.devicesByOwner.get(ctx.user!.username)?.keys() ?? [])]
    return ok({ claim_code: code, device_ids: ids })
  }
  r.post("/v1/device_claims", (ctx) => claimCode(ctx, undefined))
  r.post("/v1/products/:product/device_claims", (ctx) => {
    const p = resolveProduct(ctx, ctx.p["product"]!)
    if (isReply(p)) return p
    return claimCode(ctx, p)
  })
  r.get("/v1/serial_numbers/:sn", (ctx) => {
    const d = ctx.store.serials.get(ctx.p["sn"]!)
    if (!d) return errB(404, "Serial number not found")
    return ok({ ok: true, deviceID: d.id, device_id: d.id, serial_number: d.serialNumber, platform_id: d.platformId, iccid: d.iccid })
  })
  r.post("/v1/provisioning/:id", (ctx) => {
    const deviceID = first(ctx.body["deviceID"]) ?? ctx.p["id"]
    if (!deviceID || !isDeviceId(deviceID)) return { status: 400, json: { ok: false, error: "No deviceID provided" } }
    if (!first(ctx.body["publicKey"])) return { status: 400, json: { ok: false, error: "No key provided" } }
    const existing = ctx.store.devices.get(deviceID.toLowerCase())
    if (existing && existing.owner !== undefined && existing.owner !== ctx.user!.username) return permissionDenied()
    if (!existing) ctx.store.createDevice({ id: deviceID, name: `provisioned-${deviceID.slice(-6)}`, online: false })
    return ok({ ok: true, device_id: deviceID.toLowerCase() })
  })

  // binaries
  r.post("/v1/binaries", compile)
  r.get("/v1/binaries/:binaryId", (ctx) => {
    const b = ctx.store.binaries.get(ctx.p["binaryId"]!)
    if (!b) return errB(404, "Binary not found")
    return { status: 200, raw: b.data, contentType: "application/octet-stream" }
  })

  // diagnostics
  registerDiagnostics(r, "/v1")
  registerDiagnostics(r, "/v1/products/:product")

  // single device (user + product twins)
  for (const base of ["/v1/devices/:id", "/v1/products/:product/devices/:id"]) {
    r.get(base, (ctx) => {
      const x = resolveDevice(ctx)
      if (isReply(x)) return x
      return ok(deviceJson(ctx.store, x.device, { full: true, product: x.product !== undefined }))
    })
    r.put(base, updateDevice)
    r.put(`${base}/ping`, (ctx) => {
      const x = resolveDevice(ctx)
      if (isReply(x)) return x
      return ok({ online: x.device.online, ok: true })
    })
    r.put(`${base}/unprotect`, (ctx) => {
      const x = resolveDevice(ctx)
      if (isReply(x)) return x
      const action = first(ctx.body["action"])
      if (action !== "prepare" && action !== "confirm") return errB(400, "action must be prepare or confirm")
      return ok(action === "prepare" ? { ok: true, server_nonce: randomToken().slice(0, 32) } : { ok: true })
    })
    r.get(`${base}/:name`, getVariable)
    r.post(`${base}/:name`, callFunction)
  }
  r.put("/v1/orgs/:org/devices/:id/unprotect", (ctx) => {
    const org = ctx.store.findOrg(ctx.p["org"]!)
    if (!org || !org.members.includes(ctx.user!.username)) return errB(404, "Organization not found")
    // the device must belong to one of the org's products, like any device route: else Permission Denied
    const device = ctx.store.devices.get(ctx.p["id"]!.toLowerCase())
    const product = device?.productId !== undefined ? ctx.store.findProduct(String(device.productId)) : undefined
    if (device === undefined || product?.orgId !== org.id) return permissionDenied()
    const action = first(ctx.body["action"])
    if (action !== "prepare" && action !== "confirm") return errB(400, "action must be prepare or confirm")
    return ok(action === "prepare" ? { ok: true, server_nonce: randomToken().slice(0, 32) } : { ok: true })
  })
  r.put("/v1/devices/:id/backup_files", (ctx) => {
    const x = resolveDevice(ctx)
    if (isReply(x)) return x
    return { status: 200, raw: new Uint8Array(Buffer.from(`SIM-BACKUP ${x.device.id}\n`)), contentType: "application/octet-stream" }
  })
  r.del("/v1/devices/:id", (ctx) => {
    const x = resolveDevice(ctx)
    if (isReply(x)) return x
    ctx.store.setOwner(x.device, undefined)
    return ok({ ok: true })
  })
  r.del("/v1/products/:product/devices/:id", (ctx) => {
    const x = resolveDevice(ctx)
    if (isReply(x)) return x
    ctx.store.removeFromProduct(x.device)
    if (asBool(ctx.body["deny"]) === true) x.device.quarantined = false
    return noContent()
  })
  r.del("/v1/products/:product/devices/:id/owner", (ctx) => {
    const x = resolveDevice(ctx)
    if (isReply(x)) return x
    ctx.store.setOwner(x.device, undefined)
    return ok({ ok: true })
  })
}
