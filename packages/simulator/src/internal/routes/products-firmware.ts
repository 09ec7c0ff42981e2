/** Product firmware: list, upload, get, binary, update, release (the fleet updates), delete; release impact. */
import { asBool, asStringList, first, nowIso } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { errB, noContent, ok, type Reply } from "../reply.js"
import type { Store } from "../store/index.js"
import type { ProductFirmwareRecord, ProductRecord } from "../store/types.js"
import { rollOut } from "./products-fleet.js"
import { withProduct } from "./shared.js"

/** The largest firmware file an upload accepts (the SDK checks the same bound before sending). */
export const MAX_PRODUCT_FIRMWARE_BYTES = 4 * 1024 * 1024
/** Bounds of what one product keeps (the simulator's memory, not a Particle limit). */
const MAX_FIRMWARE_VERSIONS = 1000
const MAX_FIRMWARE_STORE_BYTES = 64 * 1024 * 1024

const firmwareJson = (s: Store, p: ProductRecord, f: ProductFirmwareRecord): Record<string, unknown> => {
  let deviceCount = 0
  for (const d of s.devices.inProduct(p.id)) if (d.firmwareVersion === f.version) deviceCount++
  const { data: _data, ...rest } = f
  return {
    ...rest,
    groups: [...f.groups],
    current: f.product_default,
    uploaded_at: f.uploaded_on,
    device_count: deviceCount
  }
}

const notFound = (): Reply => errB(404, "Firmware version not found")

/** A positive integer version from a path or body value, or undefined. */
const versionOf = (v: unknown): number | undefined => {
  const s = first(v)
  return s !== undefined && /^\d+$/.test(s) && Number(s) >= 1 && Number.isSafeInteger(Number(s)) ? Number(s) : undefined
}

/** A handler for `/v1/products/:product/firmware/:version` routes. */
const withFirmware = (f: (ctx: AuthedCtx, p: ProductRecord, fw: ProductFirmwareRecord) => Reply) =>
  withProduct((ctx, p) => {
    const v = versionOf(ctx.p["version"])
    const fw = v === undefined ? undefined : p.firmware.get(v)
    return fw ? f(ctx, p, fw) : notFound()
  })

const upload = (ctx: AuthedCtx, p: ProductRecord): Reply => {
  if (ctx.bodyKind !== "multipart") return errB(400, "Firmware upload must be multipart/form-data")
  // `file` (today's docs, particle-api-js), `binary` (older docs, still accepted)
  const file = ctx.parts?.find((x) => x.filename !== undefined && (x.name === "file" || x.name === "binary")) ??
    ctx.parts?.find((x) => x.filename !== undefined)
  if (!file) return errB(400, "A firmware binary is required (multipart part file)")
  if (file.data.length === 0) return errB(400, "The firmware binary is empty")
  if (file.data.length > MAX_PRODUCT_FIRMWARE_BYTES) {
    return errB(400, `Firmware binary is too large: ${file.data.length} bytes, at most ${MAX_PRODUCT_FIRMWARE_BYTES}`)
  }
  const version = versionOf(ctx.body["version"])
  if (version === undefined) return errB(400, "version must be a positive integer")
  let stored = 0
  for (const f of p.firmware.values()) stored += f.size
  if (p.firmware.size >= MAX_FIRMWARE_VERSIONS || stored + file.data.length > MAX_FIRMWARE_STORE_BYTES) {
    return errB(400, "This product holds as much firmware as the simulator keeps: delete unreleased versions first")
  }
  if (p.firmware.has(version)) return errB(400, "Version already exists")
  const title = first(ctx.body["title"])
  if (!title) return errB(400, "title is required")
  const mandatory = ctx.body["mandatory"] === undefined ? false : asBool(ctx.body["mandatory"])
  if (mandatory === undefined) return errB(400, "mandatory must be true or false")
  const f = ctx.store.products.addFirmware(p, {
    version,
    title,
    description: first(ctx.body["description"]) ?? "",
    name: file.filename!,
    data: file.data,
    uploadedBy: ctx.user.username,
    mandatory
  })
  return ok(firmwareJson(ctx.store, p, f), 201)
}

const release = (ctx: AuthedCtx, p: ProductRecord): Reply => {
  const b = ctx.body
  const version = versionOf(b["version"])
  const f = version === undefined ? undefined : p.firmware.get(version)
  if (!f) return notFound()
  const productDefault = b["product_default"] === undefined ? undefined : asBool(b["product_default"])
  if (b["product_default"] !== undefined && productDefault === undefined) {
    return errB(400, "product_default must be true or false")
  }
  const groups = b["groups"] === undefined ? undefined : (asStringList(b["groups"]) ?? [])
  if (productDefault === undefined && groups === undefined) return errB(400, "product_default or groups is required")
  const unknown = groups?.find((g) => !p.groups.has(g))
  if (unknown !== undefined) return errB(404, `Group not found: ${unknown}`)
  const intelligent = b["intelligent"] === undefined ? false : asBool(b["intelligent"])
  if (intelligent === undefined) return errB(400, "intelligent must be true or false")
  if (productDefault !== undefined) ctx.store.products.setDefaultFirmware(p, f, productDefault)
  if (groups !== undefined) ctx.store.products.releaseToGroups(p, f, groups)
  rollOut(ctx.sim, p)
  return ok({ ...firmwareJson(ctx.store, p, f), updated_at: nowIso(), intelligent })
}

/**
 * `GET /v1/products/:p/impact?action=edit_groups_for_firmware&firmware_version&groups&product_default`: the
 * devices whose target would change to a version they do not run if `firmware_version` were released to
 * exactly `groups` (and made the default or not), counted by the version they run now. Nothing changes.
 */
const impact = (ctx: AuthedCtx, p: ProductRecord): Reply => {
  const q = ctx.query
  if (first(q["action"]) !== "edit_groups_for_firmware") return errB(400, "action must be edit_groups_for_firmware")
  const version = versionOf(q["firmware_version"])
  if (version === undefined) return errB(400, "firmware_version must be a positive integer")
  const groups = new Set(asStringList(q["groups"]) ?? [])
  const unknown = [...groups].find((g) => !p.groups.has(g))
  if (unknown !== undefined) return errB(404, `Group not found: ${unknown}`)
  const productDefault = q["product_default"] === undefined ? undefined : asBool(q["product_default"])
  const products = ctx.store.products
  const currentDefault = products.defaultFirmware(p)?.version
  const hypotheticalDefault = productDefault === true
    ? version
    : productDefault === false && currentDefault === version
    ? undefined
    : currentDefault
  const groupVersion = (name: string): number | undefined => {
    if (groups.has(name)) return version
    const v = p.groups.get(name)?.fw_version
    return v === null || v === undefined || v === version ? undefined : v
  }
  const byVersion = new Map<number, number>()
  let total = 0
  for (const d of ctx.store.devices.inProduct(p.id)) {
    if (d.development || d.desiredFirmwareVersion !== null) continue
    let after: number | undefined
    for (const g of d.groups) {
      const v = groupVersion(g)
      if (v !== undefined && (after === undefined || v > after)) after = v
    }
    after ??= hypotheticalDefault
    if (after === undefined || after === products.targetVersion(p, d) || after === d.firmwareVersion) continue
    total++
    const v = d.firmwareVersion ?? 0
    byVersion.set(v, (byVersion.get(v) ?? 0) + 1)
  }
  return ok({
    devices: { firmware_update: { total, by_version: [...byVersion].map(([v, n]) => ({ version: v, total: n })) } }
  })
}

export const registerProductFirmware = (r: RouteTable): void => {
  r.get(
    "/v1/products/:product/firmware",
    withProduct((ctx, p) => ok([...p.firmware.values()].map((f) => firmwareJson(ctx.store, p, f))))
  )
  r.post("/v1/products/:product/firmware", withProduct(upload))
  r.put("/v1/products/:product/firmware/release", withProduct(release))
  r.get("/v1/products/:product/firmware/:version", withFirmware((ctx, p, f) => ok(firmwareJson(ctx.store, p, f))))
  r.get(
    "/v1/products/:product/firmware/:version/binary",
    withFirmware((_ctx, _p, f) => ({ status: 200, raw: f.data, contentType: "application/octet-stream" }))
  )
  r.put(
    "/v1/products/:product/firmware/:version",
    withFirmware((ctx, p, f) => {
      if (ctx.body["title"] !== undefined) {
        const title = first(ctx.body["title"])
        if (!title) return errB(400, "title must not be empty")
        f.title = title
      }
      if (ctx.body["description"] !== undefined) f.description = first(ctx.body["description"]) ?? ""
      if (ctx.body["mandatory"] !== undefined) f.mandatory = asBool(ctx.body["mandatory"]) === true
      return ok(firmwareJson(ctx.store, p, f))
    })
  )
  r.del(
    "/v1/products/:product/firmware/:version",
    withFirmware((ctx, p, f) => {
      if (f.product_default || f.groups.length > 0) return errB(400, "Released firmware cannot be deleted")
      ctx.store.products.deleteFirmware(p, f.version)
      return noContent()
    })
  )
  r.get("/v1/products/:product/impact", withProduct(impact))
}
