import { NO_STORE, errB, ok, oauthError, type Ctx, type Reply, type Router } from "../http.js"
import { MFA_OTP } from "../store.js"
import { asBool, first, randomToken } from "../util.js"

const GRANTS = new Set(["password", "client_credentials", "refresh_token", "authorization_code", "urn:custom:mfa-otp", "urn:custom:recovery-code"])
const REFRESH_LIFETIME_S = 1_209_600

const basicCredentials = (ctx: Ctx): { user: string; pass: string } | undefined => {
  const h = ctx.req.headers.authorization
  if (!h) return undefined
  const m = /^Basic\s+(\S+)/i.exec(h)
  if (!m) return undefined
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8")
  const i = decoded.indexOf(":")
  if (i === -1) return undefined
  return { user: decoded.slice(0, i), pass: decoded.slice(i + 1) }
}

const tokenResponse = (ctx: Ctx, username: string, client: string, scopes: Array<string>): Reply => {
  const b = ctx.body
  let lifetime: number | null = 7_776_000
  const expiresIn = first(b["expires_in"])
  const expiresAt = first(b["expires_at"])
  if (expiresIn !== undefined && expiresIn !== "") {
    const n = Number(expiresIn)
    if (!Number.isFinite(n) || n < 0) return oauthError("invalid_request", "expires_in must be a non-negative number of seconds")
    lifetime = n === 0 ? null : Math.floor(n)
  } else if (expiresAt !== undefined && expiresAt !== "") {
    const t = Date.parse(expiresAt)
    if (Number.isNaN(t)) return oauthError("invalid_request", "expires_at must be an ISO-8601 date")
    lifetime = Math.max(1, Math.floor((t - Date.now()) / 1000))
  }
  const rec = ctx.store.issueToken({ username, expiresInSeconds: lifetime, client, scopes })
  const body: Record<string, unknown> = { token_type: "bearer", access_token: rec.token }
  if (lifetime !== null) {
    body["expires_in"] = lifetime
    const refresh = randomToken()
    ctx.store.refreshTokens.set(refresh, { refreshToken: refresh, username, client, scopes, expiresAt: Date.now() + (lifetime + REFRESH_LIFETIME_S) * 1000 })
    body["refresh_token"] = refresh
  }
  if (scopes.length > 0) body["scope"] = scopes.join(" ")
  return { status: 200, json: body, headers: { ...NO_STORE } }
}

const oauthToken = (ctx: Ctx): Reply => {
  if (ctx.bodyKind !== "form" || ctx.bodyError !== undefined) {
    return oauthError("invalid_request", "Method must be POST with application/x-www-form-urlencoded encoding")
  }
  const b = ctx.body
  const grant = first(b["grant_type"])
  if (grant === undefined || !GRANTS.has(grant)) return oauthError("invalid_request", "Invalid or missing grant_type parameter")
  const basic = basicCredentials(ctx)
  const clientId = basic?.user ?? first(b["client_id"])
  const clientSecret = basic?.pass ?? first(b["client_secret"])
  if (clientId === undefined || !/^[a-z0-9-_]{3,40}$/i.test(clientId)) return oauthError("invalid_client", "Invalid or missing client_id parameter")
  if (clientSecret === undefined || clientSecret === "") return oauthError("invalid_client", "Missing client_secret parameter")
  const registered = ctx.store.clients.get(clientId)
  if (registered && registered.secret !== clientSecret) return oauthError("invalid_client", "Client credentials are invalid")
  const s = ctx.store
  switch (grant) {
    case "password": {
      const username = first(b["username"])
      const password = first(b["password"])
      if (!username || !password) return oauthError("invalid_client", 'Missing parameters. "username" and "password" are required')
      const u = s.users.get(username)
      if (!u || u.password !== password) return oauthError("invalid_grant", "User credentials are invalid")
      if (u.mfa) {
        const mfaToken = randomToken()
        s.mfaTokens.set(mfaToken, { username, expiresAt: Date.now() + 5 * 60_000 })
        return oauthError("mfa_required", "Multi-factor authentication required", { mfa_token: mfaToken })
      }
      return tokenResponse(ctx, username, clientId, [])
    }
    case "urn:custom:mfa-otp": {
      const mfaToken = first(b["mfa_token"])
      const otp = first(b["otp"])
      if (!mfaToken || !otp) return oauthError("invalid_request", "You must provide otp and mfa token.")
      const m = s.mfaTokens.get(mfaToken)
      if (!m || m.expiresAt < Date.now()) return oauthError("invalid_grant", "Invalid or expired mfa token")
      if (otp !== MFA_OTP) return oauthError("invalid_grant", "Invalid one-time password")
      s.mfaTokens.delete(mfaToken)
      return tokenResponse(ctx, m.username, clientId, [])
    }
    case "client_credentials": {
      if (!registered) return oauthError("invalid_client", "Client credentials are invalid")
      const scope = first(b["scope"])
      if (scope !== undefined && scope.startsWith("customer=")) {
        const email = scope.slice("customer=".length)
        const p = registered.productId !== undefined ? s.products.get(registered.productId) : undefined
        if (!p || !p.customers.has(email)) return oauthError("invalid_grant", "Customer not found")
        return tokenResponse(ctx, email, clientId, [scope])
      }
      return tokenResponse(ctx, registered.owner, clientId, [])
    }
    case "refresh_token": {
      const rt = first(b["refresh_token"])
      const r = rt === undefined ? undefined : s.refreshTokens.get(rt)
      if (!r) return oauthError("invalid_grant", "Invalid refresh token")
      if (r.expiresAt <= Date.now()) return oauthError("invalid_grant", "Refresh token has expired")
      s.refreshTokens.delete(r.refreshToken)
      return tokenResponse(ctx, r.username, r.client, r.scopes)
    }
    default:
      return oauthError("invalid_grant", `The grant type ${grant} is not simulated`)
  }
}

const userJson = (ctx: Ctx): Record<string, unknown> => {
  const u = ctx.user!
  let wifi = 0
  let cell = 0
  for (const d of ctx.store.devicesByOwner.get(u.username)?.values() ?? []) d.cellular ? cell++ : wifi++
  return {
    username: u.username,
    subscription_ids: [],
    account_info: u.accountInfo,
    mfa: { enabled: u.mfa },
    wifi_device_count: wifi,
    cellular_device_count: cell,
    scim_provisioned: false,
    no_password: false
  }
}

export const registerAuth = (r: Router): void => {
  r.post("/oauth/token", oauthToken, { auth: false, rawBody: true })

  // ---- access tokens
  r.get("/v1/access_tokens", (ctx) => {
    const basic = basicCredentials(ctx)
    const u = basic ? ctx.store.users.get(basic.user) : undefined
    if (!basic) return { status: 401, json: { ok: false, errors: ["Unauthorized. You must send username and password in HTTP Basic Auth to view your access tokens."] } }
    if (!u || u.password !== basic.pass) return { status: 401, json: { ok: false, errors: ["Bad password"] } }
    const list = [...ctx.store.tokens.values()].filter((t) => t.username === u.username).map((t) => ({
      token: t.token, expires_at: t.expiresAt === null ? null : new Date(t.expiresAt).toISOString(), client: t.client
    }))
    return ok(list)
  }, { auth: false })
  r.get("/v1/access_tokens/current", (ctx) => {
    const t = ctx.token!
    return ok({ expires_at: t.expiresAt === null ? null : new Date(t.expiresAt).toISOString(), client: t.client, client_id: t.client, scopes: t.scopes, orgs: [] })
  })
  r.del("/v1/access_tokens/current", (ctx) => {
    ctx.store.tokens.delete(ctx.token!.token)
    return ok({ ok: true })
  })
  r.del("/v1/access_tokens", (ctx) => {
    for (const t of [...ctx.store.tokens.values()]) if (t.username === ctx.user!.username) ctx.store.tokens.delete(t.token)
    return ok({ ok: true })
  })
  r.del("/v1/access_tokens/:token", (ctx) => {
    const basic = basicCredentials(ctx)
    let username: string | undefined
    if (basic) {
      const u = ctx.store.users.get(basic.user)
      if (!u || u.password !== basic.pass) return { status: 401, json: { ok: false, errors: ["Bad password"] } }
      username = u.username
    } else {
      const denied = ctx.engine.authenticate(ctx)
      if (denied) return denied
      username = ctx.user!.username
    }
    const t = ctx.store.tokens.get(ctx.p["token"]!)
    if (!t || t.username !== username) return errB(404, "Access token not found")
    ctx.store.tokens.delete(t.token)
    return ok({ ok: true })
  }, { auth: false })

  // ---- user
  r.get("/v1/user", (ctx) => ok(userJson(ctx)))
  r.put("/v1/user", (ctx) => {
    const u = ctx.user!
    const b = ctx.body
    if (b["account_info"] !== undefined && typeof b["account_info"] === "object" && b["account_info"] !== null) {
      u.accountInfo = { ...u.accountInfo, ...(b["account_info"] as Record<string, unknown>) }
    }
    const current = first(b["current_password"])
    const newUsername = first(b["username"])
    const newPassword = first(b["password"])
    if (newUsername !== undefined || newPassword !== undefined) {
      if (current !== u.password) return { status: 400, json: { ok: false, error: "Invalid password", errors: ["Invalid password"] } }
      if (newUsername !== undefined && newUsername !== u.username) {
        if (ctx.store.users.has(newUsername)) return errB(400, "Username already in use")
        const s = ctx.store
        s.users.delete(u.username)
        const own = s.devicesByOwner.get(u.username)
        s.devicesByOwner.delete(u.username)
        if (own) {
          for (const d of own.values()) d.owner = newUsername
          s.devicesByOwner.set(newUsername, own)
        }
        for (const t of s.tokens.values()) if (t.username === u.username) t.username = newUsername
        u.username = newUsername
        s.users.set(newUsername, u)
      }
      if (newPassword !== undefined) u.password = newPassword
      if (asBool(b["invalidate_tokens"]) === true) {
        for (const t of [...ctx.store.tokens.values()]) if (t.username === u.username && t.token !== ctx.token!.token) ctx.store.tokens.delete(t.token)
      }
      return ok({ ok: true, message: newPassword !== undefined ? "User's password updated." : "User's username updated." })
    }
    return ok({ ok: true, message: "User's account info updated." })
  })
  r.del("/v1/user", (ctx) => {
    const u = ctx.user!
    if (first(ctx.body["password"]) !== u.password) return errB(400, "Invalid password")
    for (const d of [...(ctx.store.devicesByOwner.get(u.username)?.values() ?? [])]) ctx.store.setOwner(d, undefined)
    for (const t of [...ctx.store.tokens.values()]) if (t.username === u.username) ctx.store.tokens.delete(t.token)
    ctx.store.users.delete(u.username)
    return ok({ ok: true, message: "User's account has been deleted." })
  })
  r.post("/v1/user/password-reset", (ctx) => {
    if (!first(ctx.body["username"])) return errB(400, "username is required")
    return ok({ ok: true, message: "Password reset email sent." })
  }, { auth: false })
  r.post("/v1/users", (ctx) => {
    const username = first(ctx.body["username"])
    const password = first(ctx.body["password"])
    if (!username || !password) return { status: 400, json: { ok: false, errors: ["username and password are required"] } }
    if (ctx.store.users.has(username)) return { status: 400, json: { ok: false, errors: ["username must be unique"] } }
    const u = ctx.store.createUser({ username, password })
    if (ctx.body["account_info"] && typeof ctx.body["account_info"] === "object") u.accountInfo = { ...(ctx.body["account_info"] as object) }
    return ok({ ok: true })
  }, { auth: false })
  r.get("/v1/user/identify", (ctx) => ok({ id: ctx.user!.id, email: ctx.user!.username }))

  // ---- MFA
  r.get("/v1/user/mfa-enable", (ctx) => {
    const token = randomToken()
    ctx.store.mfaTokens.set(token, { username: ctx.user!.username, expiresAt: Date.now() + 10 * 60_000 })
    return ok({ mfa_token: token, qr_url: `otpauth://totp/Particle:${encodeURIComponent(ctx.user!.username)}?secret=SIMULATORSECRET&issuer=Particle`, secret: "SIMULATORSECRET" })
  })
  r.post("/v1/user/mfa-enable", (ctx) => {
    const mfaToken = first(ctx.body["mfa_token"])
    const otp = first(ctx.body["otp"])
    const m = mfaToken ? ctx.store.mfaTokens.get(mfaToken) : undefined
    if (!m || m.username !== ctx.user!.username) return oauthError("invalid_request", "Invalid or expired mfa token")
    if (otp !== MFA_OTP) return oauthError("invalid_request", "Invalid one-time password")
    ctx.user!.mfa = true
    ctx.store.mfaTokens.delete(mfaToken!)
    return ok({ enrolled: true, tokens: ["sim-recovery-0001", "sim-recovery-0002"] })
  })
  r.put("/v1/user/mfa-disable", (ctx) => {
    if (first(ctx.body["current_password"]) !== ctx.user!.password) return errB(400, "Invalid password")
    ctx.user!.mfa = false
    return ok({ ok: true })
  })
}
