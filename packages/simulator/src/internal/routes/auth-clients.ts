/** OAuth clients of the user and of products: list, create (the secret shown once), update, delete. */
import { first } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { errB, isReply, noContent, ok, type Reply } from "../reply.js"
import { MAX_CLIENTS_PER_OWNER } from "../store/clients.js"
import type { ClientRecord, ProductRecord } from "../store/types.js"
import { resolveProduct } from "./shared.js"

const MAX_NAME = 100
const MAX_SCOPE = 1000
const MAX_URI = 2000

const clientJson = (c: ClientRecord, withSecret: boolean) => {
  const out: Record<string, unknown> = { name: c.name, type: c.type, id: c.id }
  if (c.redirect_uri !== undefined) out["redirect_uri"] = c.redirect_uri
  if (c.scope !== undefined) out["scope"] = c.scope
  if (c.productId !== undefined) out["product_id"] = c.productId
  if (withSecret) out["secret"] = c.secret
  return out
}

/** A string field within bounds, undefined when absent, or the 400 it gets. */
const text = (v: unknown, name: string, max: number): string | undefined | Reply => {
  if (v === undefined || v === null) return undefined
  if (typeof v !== "string" || v.trim() === "") return errB(400, `${name} must be a non-empty string`)
  if (v.length > max) return errB(400, `${name} must be at most ${max} characters`)
  return v
}

const isHttpUrl = (s: string): boolean => {
  try {
    const u = new URL(s)
    return u.protocol === "http:" || u.protocol === "https:"
  } catch {
    return false
  }
}

export const registerClients = (r: RouteTable): void => {
  for (const base of ["/v1/clients", "/v1/products/:product/clients"]) {
    const scope = (ctx: AuthedCtx): { product: ProductRecord | undefined } | Reply => {
      if (ctx.p["product"] === undefined) return { product: undefined }
      const p = resolveProduct(ctx, ctx.p["product"])
      return isReply(p) ? p : { product: p }
    }
    const mine = (ctx: AuthedCtx, c: ClientRecord, p: ProductRecord | undefined) =>
      p ? c.productId === p.id : c.productId === undefined && c.owner === ctx.user.username
    const find = (ctx: AuthedCtx): ClientRecord | Reply => {
      const s = scope(ctx)
      if (isReply(s)) return s
      const c = ctx.store.clients.get(ctx.p["clientId"]!)
      return c && mine(ctx, c, s.product) ? c : errB(404, "Client not found")
    }
    r.get(base, (ctx) => {
      const s = scope(ctx)
      if (isReply(s)) return s
      return ok({
        ok: true,
        clients: ctx.store.clients.all().filter((c) => mine(ctx, c, s.product)).map((c) => clientJson(c, false))
      })
    })
    r.post(base, (ctx) => {
      const s = scope(ctx)
      if (isReply(s)) return s
      const name = text(ctx.body["name"], "name", MAX_NAME)
      if (isReply(name)) return name
      if (name === undefined) return errB(400, "name is required")
      const type = first(ctx.body["type"])
      if (type !== "installed" && type !== "web") return errB(400, "type must be installed or web")
      const redirectUri = text(ctx.body["redirect_uri"], "redirect_uri", MAX_URI)
      if (isReply(redirectUri)) return redirectUri
      if (type === "web" && redirectUri === undefined) return errB(400, "redirect_uri is required for web clients")
      if (redirectUri !== undefined && !isHttpUrl(redirectUri)) return errB(400, "redirect_uri must be an http(s) URL")
      const clientScope = text(ctx.body["scope"], "scope", MAX_SCOPE)
      if (isReply(clientScope)) return clientScope
      const owner = ctx.user.username
      const count = ctx.store.clients.all().filter((c) => mine(ctx, c, s.product)).length
      if (count >= MAX_CLIENTS_PER_OWNER) return errB(400, `At most ${MAX_CLIENTS_PER_OWNER} clients`)
      const c = ctx.store.clients.create({
        name,
        type,
        owner,
        productId: s.product?.id,
        redirectUri,
        scope: clientScope
      })
      return ok({ ok: true, client: clientJson(c, true) })
    })
    r.put(`${base}/:clientId`, (ctx) => {
      const c = find(ctx)
      if (isReply(c)) return c
      const name = text(ctx.body["name"], "name", MAX_NAME)
      if (isReply(name)) return name
      const sc = text(ctx.body["scope"], "scope", MAX_SCOPE)
      if (isReply(sc)) return sc
      if (name !== undefined) c.name = name
      if (sc === "none") delete c.scope
      else if (sc !== undefined) c.scope = sc
      return ok({ ok: true, client: clientJson(c, false) })
    })
    r.del(`${base}/:clientId`, (ctx) => {
      const c = find(ctx)
      if (isReply(c)) return c
      ctx.store.clients.remove(c.id)
      return noContent()
    })
  }
}
