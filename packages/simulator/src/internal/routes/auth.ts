/** Auth family: the token endpoint, access tokens, the user account, MFA, and OAuth clients. */
import { basicCredentials } from "../bearer.js"
import { asBool, first } from "../coerce.js"
import { publicRoute, type AuthedCtx, type RouteTable } from "../context.js"
import { errB, isReply, noContent, oauthError, ok, type Reply } from "../reply.js"
import { MFA_OTP } from "../seed.js"
import type { ClientRecord, ProductRecord } from "../store/types.js"
import { oauthToken } from "./auth-token.js"
import { resolveProduct } from "./shared.js"

const MFA_ENROL_TTL_MS = 10 * 60_000
const badPassword = (): Reply => ({ status: 401, json: { ok: false, errors: ["Bad password"] } })

const userJson = (ctx: AuthedCtx): Record<string, unknown> => {
  const u = ctx.user
  let wifi = 0
  let cell = 0
  for (const d of ctx.store.devices.ownedBy(u.username)) d.cellular ? cell++ : wifi++
  return {
    username: u.username, subscription_ids: [], account_info: u.accountInfo, mfa: { enabled: u.mfa },
    wifi_device_count: wifi, cellular_device_count: cell, scim_provisioned: false, no_password: false
  }
}

const isoOrNull = (t: number | null) => (t === null ? null : new Date(t).toISOString())

const registerTokens = (r: RouteTable): void => {
  r.post("/oauth/token", publicRoute(oauthToken, { rawBody: true }))
  // legacy: HTTP Basic username:password
  r.get("/v1/access_tokens", publicRoute((ctx) => {
    const basic = basicCredentials(ctx.req.headers.authorization)
    if (!basic) return { status: 401, json: { ok: false, errors: ["Unauthorized. You must send username and password in HTTP Basic Auth to view your access tokens."] } }
    const u = ctx.store.users.get(basic.user)
    if (!u || u.password !== basic.pass) return badPassword()
    return ok(ctx.store.users.tokensOf(u.username).map((t) => ({ token: t.token, expires_at: isoOrNull(t.expiresAt), client: t.client })))
  }))
  r.get("/v1/access_tokens/current", (ctx) => {
    const t = ctx.token
    return ok({ expires_at: isoOrNull(t.expiresAt), client: t.client, client_id: t.client, scopes: t.scopes, orgs: [] })
  })
  r.del("/v1/access_tokens/current", (ctx) => {
    ctx.store.users.revoke(ctx.token.token)
    return ok({ ok: true })
  })
  r.del("/v1/access_tokens", (ctx) => {
    ctx.store.users.revokeAll(ctx.user.username)
    return ok({ ok: true })
  })
  // Basic auth (docs) or bearer (api-js ≥ 11.1)
  r.del("/v1/access_tokens/:token", publicRoute((ctx) => {
    const basic = basicCredentials(ctx.req.headers.authorization)
    let username: string
    if (basic) {
      const u = ctx.store.users.get(basic.user)
      if (!u || u.password !== basic.pass) return badPassword()
      username = u.username
    } else {
      const a = ctx.authenticate()
      if (isReply(a)) return a
      username = a.user.username
    }
    const t = ctx.store.users.token(ctx.p["token"]!)
    if (!t || t.username !== username) return errB(404, "Access token not found")
    ctx.store.users.revoke(t.token)
    return ok({ ok: true })
  }))
}

const updateUser = (ctx: AuthedCtx): Reply => {
  let u = ctx.user
  const b = ctx.body
  if (b["account_info"] !== undefined && typeof b["account_info"] === "object" && b["account_info"] !== null) {
    u.accountInfo = { ...u.accountInfo, ...(b["account_info"] as Record<string, unknown>) }
  }
  const newUsername = first(b["username"])
  const newPassword = first(b["password"])
  if (newUsername === undefined && newPassword === undefined) return ok({ ok: true, message: "User's account info updated." })
  if (first(b["current_password"]) !== u.password) return { status: 400, json: { ok: false, error: "Invalid password", errors: ["Invalid password"] } }
  if (newUsername !== undefined && newUsername !== u.username) {
    if (ctx.store.users.has(newUsername)) return errB(400, "Username already in use")
    u = ctx.store.renameUser(u, newUsername)
  }
  if (newPassword !== undefined) u.password = newPassword
  if (asBool(b["invalidate_tokens"]) === true) ctx.store.users.revokeAll(u.username, ctx.token.token)
  return ok({ ok: true, message: newPassword !== undefined ? "User's password updated." : "User's username updated." })
}

const registerUser = (r: RouteTable): void => {
  r.get("/v1/user", (ctx) => ok(userJson(ctx)))
  r.put("/v1/user", updateUser)
  r.del("/v1/user", (ctx) => {
    if (first(ctx.body["password"]) !== ctx.user.password) return errB(400, "Invalid password")
    ctx.store.deleteUser(ctx.user.username)
    return ok({ ok: true, message: "User's account has been deleted." })
  })
  r.post("/v1/user/password-reset", publicRoute((ctx) => {
    if (!first(ctx.body["username"])) return errB(400, "username is required")
    return ok({ ok: true, message: "Password reset email sent." })
  }))
  r.post("/v1/users", publicRoute((ctx) => {
    const username = first(ctx.body["username"])
    const password = first(ctx.body["password"])
    if (!username || !password) return { status: 400, json: { ok: false, errors: ["username and password are required"] } }
    if (ctx.store.users.has(username)) return { status: 400, json: { ok: false, errors: ["username must be unique"] } }
    const u = ctx.store.users.create({ username, password })
    const info = ctx.body["account_info"]
    if (info && typeof info === "object") u.accountInfo = { ...(info as object) }
    return ok({ ok: true })
  }))
  r.get("/v1/user/identify", (ctx) => ok({ id: ctx.user.id, email: ctx.user.username }))

  // MFA enrolment
  r.get("/v1/user/mfa-enable", (ctx) => {
    const token = ctx.store.users.startMfa(ctx.user.username, MFA_ENROL_TTL_MS)
    return ok({ mfa_token: token, qr_url: `otpauth://totp/Particle:${encodeURIComponent(ctx.user.username)}?secret=SIMULATORSECRET&issuer=Particle`, secret: "SIMULATORSECRET" })
  })
  r.post("/v1/user/mfa-enable", (ctx) => {
    const mfaToken = first(ctx.body["mfa_token"])
    const otp = first(ctx.body["otp"])
    if (mfaToken === undefined || ctx.store.users.mfaUser(mfaToken) !== ctx.user.username) return oauthError("invalid_request", "Invalid or expired mfa token")
    if (otp !== MFA_OTP) return oauthError("invalid_request", "Invalid one-time password")
    ctx.user.mfa = true
    ctx.store.users.endMfa(mfaToken)
    return ok({ enrolled: true, tokens: ["sim-recovery-0001", "sim-recovery-0002"] })
  })
  r.put("/v1/user/mfa-disable", (ctx) => {
    if (first(ctx.body["current_password"]) !== ctx.user.password) return errB(400, "Invalid password")
    ctx.user.mfa = false
    return ok({ ok: true })
  })
}

const clientJson = (c: ClientRecord, withSecret: boolean) => {
  const out: Record<string, unknown> = { name: c.name, type: c.type, id: c.id }
  if (c.redirect_uri !== undefined) out["redirect_uri"] = c.redirect_uri
  if (c.scope !== undefined) out["scope"] = c.scope
  if (withSecret) out["secret"] = c.secret
  return out
}

const registerClients = (r: RouteTable): void => {
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
      return ok({ ok: true, clients: ctx.store.clients.all().filter((c) => mine(ctx, c, s.product)).map((c) => clientJson(c, false)) })
    })
    r.post(base, (ctx) => {
      const s = scope(ctx)
      if (isReply(s)) return s
      const name = first(ctx.body["name"])
      const type = first(ctx.body["type"])
      if (!name) return errB(400, "name is required")
      if (type !== "installed" && type !== "web") return errB(400, "type must be installed or web")
      const redirectUri = first(ctx.body["redirect_uri"])
      if (type === "web" && !redirectUri) return errB(400, "redirect_uri is required for web clients")
      const c = ctx.store.clients.create({ name, type, owner: ctx.user.username, productId: s.product?.id, redirectUri, scope: first(ctx.body["scope"]) })
      return ok({ ok: true, client: clientJson(c, true) })
    })
    r.put(`${base}/:clientId`, (ctx) => {
      const c = find(ctx)
      if (isReply(c)) return c
      const name = first(ctx.body["name"])
      if (name !== undefined) c.name = name
      const sc = first(ctx.body["scope"])
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

export const registerAuth = (r: RouteTable): void => {
  registerTokens(r)
  registerUser(r)
  registerClients(r)
}
