/** `POST /oauth/token`: every grant, with the errors of Particle's oauth2 fork (`lib/grant.js`). */
import { basicCredentials } from "../bearer.js"
import { first } from "../coerce.js"
import type { Ctx } from "../context.js"
import { NO_STORE, oauthError, type Reply } from "../reply.js"
import { MFA_OTP } from "../seed.js"
import { DEFAULT_TOKEN_LIFETIME_S } from "../store/users.js"

const GRANTS = new Set(["password", "client_credentials", "refresh_token", "authorization_code", "urn:custom:mfa-otp", "urn:custom:recovery-code"])
const MFA_LOGIN_TTL_MS = 5 * 60_000

/** The lifetime asked for with `expires_in` / `expires_at` (null = never expires), or an error. */
const lifetimeOf = (b: Record<string, unknown>): number | null | Reply => {
  const expiresIn = first(b["expires_in"])
  const expiresAt = first(b["expires_at"])
  if (expiresIn !== undefined && expiresIn !== "") {
    const n = Number(expiresIn)
    if (!Number.isFinite(n) || n < 0) return oauthError("invalid_request", "expires_in must be a non-negative number of seconds")
    return n === 0 ? null : Math.floor(n)
  }
  if (expiresAt !== undefined && expiresAt !== "") {
    const t = Date.parse(expiresAt)
    if (Number.isNaN(t)) return oauthError("invalid_request", "expires_at must be an ISO-8601 date")
    return Math.max(1, Math.floor((t - Date.now()) / 1000))
  }
  return DEFAULT_TOKEN_LIFETIME_S
}

/** The token response; an expiring token comes with a refresh token. */
export const tokenResponse = (ctx: Ctx, username: string, client: string, scopes: Array<string>): Reply => {
  const lifetime = lifetimeOf(ctx.body)
  if (lifetime !== null && typeof lifetime === "object") return lifetime
  const users = ctx.store.users
  const rec = users.issueToken({ username, expiresInSeconds: lifetime, client, scopes })
  const body: Record<string, unknown> = { token_type: "bearer", access_token: rec.token }
  if (lifetime !== null) {
    body["expires_in"] = lifetime
    body["refresh_token"] = users.issueRefresh({ username, client, scopes, lifetimeSeconds: lifetime })
  }
  if (scopes.length > 0) body["scope"] = scopes.join(" ")
  return { status: 200, json: body, headers: { ...NO_STORE } }
}

export const oauthToken = (ctx: Ctx): Reply => {
  if (ctx.bodyKind !== "form" || ctx.bodyError !== undefined) {
    return oauthError("invalid_request", "Method must be POST with application/x-www-form-urlencoded encoding")
  }
  const b = ctx.body
  const grant = first(b["grant_type"])
  if (grant === undefined || !GRANTS.has(grant)) return oauthError("invalid_request", "Invalid or missing grant_type parameter")
  const basic = basicCredentials(ctx.req.headers.authorization)
  const clientId = basic?.user ?? first(b["client_id"])
  const clientSecret = basic?.pass ?? first(b["client_secret"])
  if (clientId === undefined || !/^[a-z0-9-_]{3,40}$/i.test(clientId)) return oauthError("invalid_client", "Invalid or missing client_id parameter")
  if (clientSecret === undefined || clientSecret === "") return oauthError("invalid_client", "Missing client_secret parameter")
  const s = ctx.store
  const registered = s.clients.get(clientId)
  if (registered && registered.secret !== clientSecret) return oauthError("invalid_client", "Client credentials are invalid")
  switch (grant) {
    case "password": {
      const username = first(b["username"])
      const password = first(b["password"])
      if (!username || !password) return oauthError("invalid_client", 'Missing parameters. "username" and "password" are required')
      const u = s.users.get(username)
      if (!u || u.password !== password) return oauthError("invalid_grant", "User credentials are invalid")
      if (u.mfa) return oauthError("mfa_required", "Multi-factor authentication required", { mfa_token: s.users.startMfa(username, MFA_LOGIN_TTL_MS) })
      return tokenResponse(ctx, username, clientId, [])
    }
    case "urn:custom:mfa-otp": {
      const mfaToken = first(b["mfa_token"])
      const otp = first(b["otp"])
      if (!mfaToken || !otp) return oauthError("invalid_request", "You must provide otp and mfa token.")
      const username = s.users.mfaUser(mfaToken)
      if (username === undefined) return oauthError("invalid_grant", "Invalid or expired mfa token")
      if (otp !== MFA_OTP) return oauthError("invalid_grant", "Invalid one-time password")
      s.users.endMfa(mfaToken)
      return tokenResponse(ctx, username, clientId, [])
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
      const r = rt === undefined ? undefined : s.users.takeRefresh(rt)
      if (r === undefined) return oauthError("invalid_grant", "Invalid refresh token")
      if (r === "expired") return oauthError("invalid_grant", "Refresh token has expired")
      return tokenResponse(ctx, r.username, r.client, [...r.scopes])
    }
    default:
      return oauthError("invalid_grant", `The grant type ${grant} is not simulated`)
  }
}
