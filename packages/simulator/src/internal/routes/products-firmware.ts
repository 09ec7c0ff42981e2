/** Product firmware: list, upload, get, binary, update, release, delete; release impact. */
import { asBool, asInt, asStringList, first, nowIso } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { errB, noContent, ok, type Reply } from "../reply.js"
import type { Store } from "../store/index.js"
import type { ProductFirmwareRecord, ProductRecord } from "../store/types.js"
import { withProduct } from "./shared.js"

const firmwareJson = (s: Store, p: ProductRecord, f: ProductFirmwareRecord): Record<string, unknown> => {
  let deviceCount = 0
  for (const d of s.devices.inProduct(p.id)) if (d.firmwareVersion === f.version) deviceCount++
  const { data: _data, ...rest } = f
  return { ...rest, current: f.product_default, uploaded_at: f.uploaded_on, device_count: deviceCount }
}

const notFound = (): Reply => errB(404, "Firmware version not found")

/** A handler for `/v1/products/:product/firmware/:version` routes. */
const withFirmware = (f: (ctx: AuthedCtx, p: ProductRecord, fw: ProductFirmwareRecord) => Reply) =>
  withProduct((ctx, p) => {
    const fw = p.firmware.get(Number(ctx.p["version"]))
    return fw ? f(ctx, p, fw) : notFound()
  })

const upload = (ctx: AuthedCtx, p: ProductRecord): Reply => {
  if (ctx.bodyKind !== "multipart") return errB(400, "Firmware upload must be multipart/form-data")
  const file = ctx.parts?.find((x) => x.filename !== undefined)
  if (!file) return errB(400, "A firmware binary is required")
  const version = asInt(ctx.body["version"])
  if (version === undefined || version < 1) return errB(400, "version must be a positive integer")
  if (p.firmware.has(version)) return errB(400, "Version already exists")
  const title = first(ctx.body["title"])
  if (!title) return errB(400, "title is required")
  const f = ctx.store.products.addFirmware(p, {
    version, title, description: first(ctx.body["description"]) ?? "", name: file.filename!, data: file.data,
    uploadedBy: ctx.user.username, mandatory: asBool(ctx.body["mandatory"]) === true
  })
  return ok(firmwareJson(ctx.store, p, f), 201)
}

const release = (ctx: AuthedCtx, p: ProductRecord): Reply => {
  const version = asInt(ctx.body["version"])
  const f = version === undefined ? undefined : p.firmware.get(version)
  if (!f) return notFound()
  const productDefault = asBool(ctx.body["product_default"])
  if (productDefault !== undefined) ctx.store.products.setDefaultFirmware(p, f, productDefault)
  const groups = asStringList(ctx.body["groups"])
  if (groups) {
    for (const g of groups) ctx.store.products.ensureGroup(p, g)
    f.groups = groups
  }
  return ok({ ...firmwareJson(ctx.store, p, f), updated_at: nowIso(), intelligent: asBool(ctx.body["intelligent"]) === true })
}

export const registerProductFirmware = (r: RouteTable): void => {
  r.get("/v1/products/:product/firmware", withProduct((ctx, p) => ok([...p.firmware.values()].map((f) => firmwareJson(ctx.store, p, f)))))
  r.post("/v1/products/:product/firmware", withProduct(upload))
  r.put("/v1/products/:product/firmware/release", withProduct(release))
  r.get("/v1/products/:product/firmware/:version", withFirmware((ctx, p, f) => ok(firmwareJson(ctx.store, p, f))))
  r.get("/v1/products/:product/firmware/:version/binary", withFirmware((_ctx, _p, f) => ({ status: 200, raw: f.data, contentType: "application/octet-stream" })))
  r.put("/v1/products/:product/firmware/:version", withFirmware((ctx, p, f) => {
    if (ctx.body["title"] !== undefined) f.title = first(ctx.body["title"]) ?? f.title
    if (ctx.body["description"] !== undefined) f.description = first(ctx.body["description"]) ?? ""
    if (ctx.body["mandatory"] !== undefined) f.mandatory = asBool(ctx.body["mandatory"]) === true
    return ok(firmwareJson(ctx.store, p, f))
  }))
  r.del("/v1/products/:product/firmware/:version", withFirmware((ctx, p, f) => {
    if (f.product_default || f.groups.length > 0) return errB(400, "Released firmware cannot be deleted")
    ctx.store.products.deleteFirmware(p, f.version)
    return noContent()
  }))
  r.get("/v1/products/:product/impact", withProduct((ctx, p) => {
    const groups = asStringList(first(ctx.query["groups"])) ?? []
    const byVersion = new Map<number, number>()
    let total = 0
    for (const d of ctx.store.devices.inProduct(p.id)) {
      if (groups.length > 0 && !groups.some((g) => d.groups.includes(g))) continue
      total++
      const v = d.firmwareVersion ?? 0
      byVersion.set(v, (byVersion.get(v) ?? 0) + 1)
    }
    return ok({ devices: { firmware_update: { total, by_version: [...byVersion].map(([version, n]) => ({ version, total: n })) } } })
  }))
}
