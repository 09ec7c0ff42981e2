/** Events family: event streams (every scope, optional name prefix) and publishing (user, product, org). */
import { asInt, first } from "../coerce.js"
import type { AuthedCtx, AuthedHandler, RouteTable } from "../context.js"
import { errB, ok, permissionDenied, type Reply } from "../reply.js"
import type { SseScope } from "../sse.js"
import type { DeviceRecord, OrgRecord, ProductRecord } from "../store/types.js"
import { deviceNotInProduct, isReply, productDevice, productNotFound, resolveOrg, resolveProduct } from "./shared.js"

const MAX_EVENT_NAME = 64

const stream = (scopeOf: (ctx: AuthedCtx) => SseScope | Reply): AuthedHandler => (ctx) => {
  const scope = scopeOf(ctx)
  if (isReply(scope)) return scope
  const prefix = ctx.p["prefix"]
  return ctx.sim.openStream(ctx, scope, prefix === undefined || prefix === "" ? undefined : prefix)
}

const userScope = (ctx: AuthedCtx): SseScope => ({ kind: "user", username: ctx.user.username })

const deviceScope = (ctx: AuthedCtx): SseScope | Reply => {
  const d = ctx.store.devices.findUserDevice(ctx.user.username, ctx.p["id"]!)
  return d ? { kind: "device", deviceId: d.id } : permissionDenied()
}

const productScope = (ctx: AuthedCtx): SseScope | Reply => {
  const p = resolveProduct(ctx, ctx.p["product"]!)
  if (isReply(p)) return p
  if (ctx.p["id"] === undefined) return { kind: "product", productId: p.id }
  const d = ctx.store.devices.get(ctx.p["id"])
  if (!d || d.productId !== p.id) return deviceNotInProduct()
  return { kind: "product", productId: p.id, deviceId: d.id }
}

const orgScope = (ctx: AuthedCtx): SseScope | Reply => {
  const org = resolveOrg(ctx, true)
  if (isReply(org)) return org
  const scope: { kind: "org"; orgId: string; productId?: number; deviceId?: string } = { kind: "org", orgId: org.id }
  if (ctx.p["product"] !== undefined) {
    const p = ctx.store.products.find(ctx.p["product"])
    if (!p || p.orgId !== org.id) return productNotFound()
    scope.productId = p.id
  }
  if (ctx.p["id"] !== undefined) scope.deviceId = ctx.p["id"].toLowerCase()
  return scope
}

/** `POST …/events` with `name`, `data`, `ttl` (and `private`, ignored: every event is private now). */
const publish = (ctx: AuthedCtx, target: { product?: ProductRecord; org?: OrgRecord }): Reply => {
  const name = first(ctx.body["name"])
  if (!name) return errB(400, "Event name is required")
  if (name.length > MAX_EVENT_NAME) return errB(400, `Event name is too long (max ${MAX_EVENT_NAME} characters)`)
  const data = ctx.body["data"]
  const dataStr = data === undefined || data === null
    ? null
    : typeof data === "string"
    ? data
    : first(data) ?? JSON.stringify(data)
  const ttl = asInt(ctx.body["ttl"]) ?? 60
  let device: DeviceRecord | undefined
  if (target.product) {
    const asDevice = first(ctx.body["as_device_id"])
    if (asDevice !== undefined) {
      device = productDevice(ctx, target.product, asDevice)
      if (!device) return deviceNotInProduct()
    }
  }
  ctx.sim.publish({
    name,
    data: dataStr,
    ttl,
    device,
    productId: target.product?.id,
    orgId: target.org?.id,
    apiUser: ctx.user
  })
  return ok({ ok: true })
}

export const registerEvents = (r: RouteTable): void => {
  r.get("/v1/events", () => errB(400, "event prefix filter is required"))
  r.get("/v1/events/*prefix", stream(userScope))
  r.get("/v1/devices/events", stream(userScope))
  r.get("/v1/devices/events/*prefix", stream(userScope))
  r.get("/v1/devices/:id/events", stream(deviceScope))
  r.get("/v1/devices/:id/events/*prefix", stream(deviceScope))
  r.get("/v1/products/:product/events", stream(productScope))
  r.get("/v1/products/:product/events/*prefix", stream(productScope))
  r.get("/v1/products/:product/devices/:id/events", stream(productScope))
  r.get("/v1/products/:product/devices/:id/events/*prefix", stream(productScope))
  // particle-api-js builds `devices/events` ("mine") under an org and under an org product too
  for (
    const mid of [
      "",
      "/products/:product",
      "/devices/:id",
      "/products/:product/devices/:id",
      "/devices",
      "/products/:product/devices"
    ]
  ) {
    r.get(`/v1/orgs/:org${mid}/events`, stream(orgScope))
    r.get(`/v1/orgs/:org${mid}/events/*prefix`, stream(orgScope))
  }

  r.post("/v1/devices/events", (ctx) => publish(ctx, {}))
  r.post("/v1/products/:product/events", (ctx) => {
    const p = resolveProduct(ctx, ctx.p["product"]!)
    return isReply(p) ? p : publish(ctx, { product: p })
  })
  r.post("/v1/orgs/:org/events", (ctx) => {
    const org = resolveOrg(ctx, true)
    return isReply(org) ? org : publish(ctx, { org })
  })
}
