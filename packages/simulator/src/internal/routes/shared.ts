/** Helpers every route family shares: resolving a product, a device or an org for the caller, paging params. */
import type { AuthedCtx, AuthedHandler, Ctx } from "../context.js"
import { isDeviceId } from "../ids.js"
import { errB, type HandlerResult, isReply, permissionDenied, type Reply } from "../reply.js"
import type { DeviceRecord, OrgRecord, ProductRecord } from "../store/types.js"

export { isReply }

export const productNotFound = (): Reply => errB(404, "Product not found")
export const productDenied = (): Reply => ({
  status: 403,
  json: { error: "Permission Denied", info: "You do not have access to this product" }
})
export const deviceNotInProduct = (): Reply => errB(404, "Device not found in this product")
export const orgNotFound = (): Reply => errB(404, "Organization not found")
export const orgDenied = (): Reply => ({
  status: 403,
  json: { error: "Permission Denied", info: "You are not a member of this organization" }
})

/** A product the caller is on the team of (404 unknown, 403 not a member). */
export const resolveProduct = (ctx: AuthedCtx, idOrSlug: string): ProductRecord | Reply => {
  const p = ctx.store.products.find(idOrSlug)
  if (!p) return productNotFound()
  if (!ctx.store.isTeamMember(p, ctx.user.username)) return productDenied()
  return p
}

/** The org of `:org` for a member; non-members get 404 (as for listing routes) unless `deniedAs403`. */
export const resolveOrg = (ctx: AuthedCtx, deniedAs403 = false): OrgRecord | Reply => {
  const org = ctx.store.orgs.find(ctx.p["org"]!)
  if (!org) return orgNotFound()
  if (!org.members.has(ctx.user.username)) return deniedAs403 ? orgDenied() : orgNotFound()
  return org
}

/** A handler for `/v1/products/:product/…` routes that runs with the resolved product. */
export const withProduct =
  (f: (ctx: AuthedCtx, p: ProductRecord) => HandlerResult | Promise<HandlerResult>): AuthedHandler => (ctx) => {
    const p = resolveProduct(ctx, ctx.p["product"]!)
    return isReply(p) ? p : f(ctx, p)
  }

/** A device of the product, by id. */
export const productDevice = (ctx: Ctx, p: ProductRecord, id: string): DeviceRecord | undefined =>
  isDeviceId(id) ? ctx.store.devices.inProductById(p.id, id) : undefined

/** The device addressed by `:id` (and `:product` if present) for the calling user. */
export const resolveDevice = (ctx: AuthedCtx): { device: DeviceRecord; product: ProductRecord | undefined } | Reply => {
  const id = ctx.p["id"]!
  const productKey = ctx.p["product"]
  if (productKey !== undefined) {
    const p = resolveProduct(ctx, productKey)
    if (isReply(p)) return p
    const d = productDevice(ctx, p, id)
    if (!d) return deviceNotInProduct()
    return { device: d, product: p }
  }
  const d = ctx.store.devices.findUserDevice(ctx.user.username, id)
  if (!d) return permissionDenied()
  return { device: d, product: undefined }
}

export const pageParams = (ctx: Ctx, defaultPerPage: number, max = 1000): { page: number; perPage: number } => {
  const q = ctx.query
  const page = Math.max(1, Number.parseInt(String(q["page"] ?? "1"), 10) || 1)
  const raw = q["perPage"] ?? q["per_page"] ?? q["limit"]
  const perPage = Math.min(max, Math.max(1, Number.parseInt(String(raw ?? defaultPerPage), 10) || defaultPerPage))
  return { page, perPage }
}

/** `{page, per_page, total_pages, total}`, the meta of paged lists. */
export const pageMeta = (page: number, perPage: number, total: number) => ({
  page,
  per_page: perPage,
  total_pages: Math.max(1, Math.ceil(total / perPage)),
  total
})

/** The first of several query spellings that is present (`deviceId` / `device_id`). */
export const qp = (ctx: Ctx, ...names: Array<string>): string | undefined => {
  for (const n of names) {
    const v = ctx.query[n]
    if (v !== undefined) return Array.isArray(v) ? v.join(",") : v
  }
  return undefined
}
