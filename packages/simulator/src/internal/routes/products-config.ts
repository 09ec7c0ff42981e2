/** Asset-tracking configuration (product and device), locations, and fleet-health metrics. */
import { asInt, asStringList } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { errB, noContent, ok, type Reply } from "../reply.js"
import type { DeviceRecord, ProductRecord } from "../store/types.js"
import { deviceNotInProduct, pageParams, productDevice, qp, withProduct } from "./shared.js"

const defaultConfig = () => ({
  location: { radius: 1, interval_min: 30, interval_max: 300, min_publish: false },
  imu_trig: { motion: "disable", high_g: "disable" },
  rgb: { type: "tracker", direct: { red: 0, green: 0, blue: 255 }, brightness: 255 }
})

const configSchema = {
  $schema: "https://particle.io/draft-07/schema#",
  type: "object",
  properties: { location: { type: "object" }, imu_trig: { type: "object" }, rgb: { type: "object" } }
}

const wantsSchema = (ctx: AuthedCtx) => (ctx.req.headers.accept ?? "").includes("application/schema+json")
const schemaReply = (): Reply => ({ status: 200, json: configSchema, contentType: "application/schema+json" })
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const locationJson = (d: DeviceRecord, p: ProductRecord) => ({
  device_id: d.id, product_id: p.id, device_name: d.name, groups: d.groups, gps_lock: true, last_heard: d.lastHeard,
  timestamps: [d.lastHeard], online: d.online,
  geometry: { type: "Point", coordinates: [-122.4194 + (parseInt(d.id.slice(-2), 16) / 1000), 37.7749] }
})

/** A handler for `…/:deviceId` routes that runs with the product device. */
const withDevice = (f: (ctx: AuthedCtx, p: ProductRecord, d: DeviceRecord) => Reply) => withProduct((ctx, p) => {
  const d = productDevice(ctx, p, ctx.p["deviceId"]!)
  return d ? f(ctx, p, d) : deviceNotInProduct()
})

const registerConfig = (r: RouteTable): void => {
  r.get("/v1/products/:product/config", withProduct((ctx, p) => {
    if (wantsSchema(ctx)) return schemaReply()
    if (!p.config) p.config = defaultConfig()
    return ok({ configuration: p.config })
  }))
  r.put("/v1/products/:product/config", withProduct((ctx, p) => {
    if ((ctx.contentType ?? "").includes("application/schema+json")) {
      if (!isObject(ctx.json)) return { status: 422, json: { message: "Invalid Schema", description: "The schema must be a JSON object", violations: [] } }
      return ok(ctx.json)
    }
    if (ctx.bodyKind !== "json" || !isObject(ctx.json)) return errB(400, "Configuration must be a JSON object")
    p.config = { ...(p.config ?? defaultConfig()), ...ctx.json }
    return ok({}, 202)
  }))
  r.del("/v1/products/:product/config", withProduct((_ctx, p) => {
    p.config = undefined
    return noContent()
  }))
  r.get("/v1/products/:product/config/:deviceId", withDevice((ctx, p, d) => {
    if (wantsSchema(ctx)) return schemaReply()
    return ok({ configuration: { current: p.deviceConfig.get(d.id) ?? p.config ?? defaultConfig(), pending: {} } })
  }))
  r.put("/v1/products/:product/config/:deviceId", withDevice((ctx, p, d) => {
    if (!isObject(ctx.json)) return errB(400, "Configuration must be a JSON object")
    ctx.store.products.setDeviceConfig(p, d.id, { ...(p.deviceConfig.get(d.id) ?? p.config ?? defaultConfig()), ...ctx.json })
    return ok({}, d.online ? 200 : 202)
  }))
}

export const registerProductConfig = (r: RouteTable): void => {
  registerConfig(r)
  r.get("/v1/products/:product/locations", withProduct((ctx, p) => {
    const { page, perPage } = pageParams(ctx, 20, 100)
    const dn = qp(ctx, "device_name", "deviceName")
    const di = qp(ctx, "device_id", "deviceId")?.toLowerCase()
    const groups = asStringList(ctx.query["groups"]) ?? []
    const list = ctx.store.devices.inProduct(p.id).filter((d) =>
      (dn === undefined || d.name.includes(dn)) && (di === undefined || d.id.includes(di)) &&
      (groups.length === 0 || groups.some((g) => d.groups.includes(g))))
    const slice = list.slice((page - 1) * perPage, page * perPage)
    return ok({ locations: slice.map((d) => locationJson(d, p)), meta: { page, per_page: perPage, total_pages: Math.max(1, Math.ceil(list.length / perPage)), devices_found: list.length } })
  }))
  r.get("/v1/products/:product/locations/:deviceId", withDevice((_ctx, p, d) =>
    ok({ location: { ...locationJson(d, p), properties: [{ hd: 1.2, acc_h: 4, speed: 0, temp: 21.5 }] }, meta: {} })))
  for (const kind of ["online", "events", "integration"] as const) {
    r.get(`/v1/products/:product/metrics/${kind}`, withProduct((ctx, p) => {
      const bucket = asInt(ctx.query["bucket_size"]) ?? 900
      if (bucket < 15) return { status: 400, json: { error: "bad_request", description: "bucket_size must be at least 15" } }
      const t = new Date(Math.floor(Date.now() / (bucket * 1000)) * bucket * 1000).toISOString()
      if (kind === "online") return ok({ online: [{ time: t, count: ctx.store.devices.inProduct(p.id).filter((d) => d.online).length }] })
      if (kind === "events") return ok({ events: [{ time: t, received: 0 }] })
      return ok({ integrations: [{ time: t, success: 0 }] })
    }))
  }
}
