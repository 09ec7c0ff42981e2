/**
 * `POST /oauth/token`: every grant, in the order and with the errors of Particle's oauth2 fork
 * (`lib/grant.js`): form check → grant type → client credentials (Basic or body) → client → grant.
 */
import { basicCredentials } from "../bearer.js"
import { first } from "../coerce.js"
import type { Ctx } from "../context.js"
import { NO_STORE, oauthError, type Reply } from "../reply.js"
import { MFA_OTP } from "../seed.js"
import type { ClientRecord } from "../store/types.js"
import { DEFAULT_TOKEN_LIFETIME_S } from "../store/users.js"

/** The grants the fork is configured with; its grant-type regex matches them case-insensitively. */
const GRANTS = [
  "password",
  "client_credentials",
  "refresh_token",
  "authorization_code",
  "urn:custom:mfa-otp",
  "urn:custom:recovery-code"
]
const GRANT_TYPE = new RegExp(`^(${GRANTS.join("|")})$`, "i")
const CLIENT_ID = /^[a-z0-9-_]{3,40}$/i
/** How long the `mfa_token` of an MFA login stays valid. */
export const MFA_LOGIN_TTL_MS = 5 * 60_000
/** Longest lifetime the simulator issues (100 years), so that `Date` arithmetic stays finite. */
const MAX_LIFETIME_S = 100 * 365 * 86_400

/** The lifetime asked for with `expires_in` / `expires_at` (null = never expires), or an error. */
const lifetimeOf = (b: Record<string, unknown>): number | null | Reply => {
  const expiresIn = first(b["expires_in"])
  const expiresAt = first(b["expires_at"])
  if (expiresIn !== undefined && expiresIn !== "") {
    const n = Number(expiresIn)
    if (!Number.isFinite(n) || n < 0) {
      return oauthError("invalid_request", "expires_in must be a non-negative number of seconds")
    }
    return n === 0 ? null : Math.min(MAX_LIFETIME_S, Math.max(1, Math.floor(n)))
  }
  if (expiresAt !== undefined && expiresAt !== "") {
    const t = Date.parse(expiresAt)
    if (Number.isNaN(t)) return oauthError("invalid_request", "expires_at must be an ISO-8601 date")
    return Math.min(MAX_LIFETIME_S, Math.max(1, Math.floor((t - Date.now()) / 1000)))
  }
  return DEFAULT_TOKEN_LIFETIME_S
}

/**
 * The token answer (with `Cache-Control: no-store`): an expiring token comes with a refresh token of the
 * same client; `scope` when one was granted.
 */
export const tokenResponse = (
  ctx: Ctx,
  o: { username: string; client: string; scopes: Array<string>; customerOf?: number | undefined; status?: number }
): Reply => {
  const lifetime = lifetimeOf(ctx.body)
  if (lifetime !== null && typeof lifetime === "object") return lifetime
  const users = ctx.store.users
  const rec = users.issueToken({
    username: o.username,
    expiresInSeconds: lifetime,
    client: o.client,
    scopes: o.scopes,
    customerOf: o.customerOf
  })
  const body: Record<string, unknown> = { token_type: "bearer", access_token: rec.token }
  if (lifetime !== null) {
    body["expires_in"] = lifetime
    body["refresh_token"] = users.issueRefresh({
      username: o.username,
      client: o.client,
      scopes: o.scopes,
      lifetimeSeconds: lifetime
    })
  }
  if (o.scopes.length > 0) body["scope"] = o.scopes.join(" ")
  return { status: o.status ?? 200, json: body, headers: { ...NO_STORE } }
}

/** The user record of a product customer, made on first use (seeded customers have none). */
const customerUser = (ctx: Ctx, email: string, password: string | undefined): void => {
  if (!ctx.store.users.has(email)) ctx.store.users.create({ username: email, password: password ?? "" })
}

const clientCredentialsGrant = (ctx: Ctx, client: ClientRecord | undefined, clientId: string): Reply => {
  // only a registered client (the seeded one, or one made with /v1/clients) has an owner to get a token for
  if (!client) return oauthError("invalid_client", "Client credentials are invalid")
  const scope = first(ctx.body["scope"])
  if (scope !== undefined && scope.startsWith("customer=")) {
    const email = scope.slice("customer=".length)
    const p = client.productId !== undefined ? ctx.store.products.get(client.productId) : undefined
    const customer = p?.customers.get(email)
    if (!p || !customer) return oauthError("invalid_scope", "Customer not found")
    customerUser(ctx, email, customer.password)
    return tokenResponse(ctx, { username: email, client: clientId, scopes: [scope], customerOf: p.id })
  }
  return tokenResponse(ctx, { username: client.owner, client: clientId, scopes: [] })
}

export const oauthToken = (ctx: Ctx): Reply => {
  if (ctx.bodyKind !== "form" || ctx.bodyError !== undefined) {
    return oauthError("invalid_request", "Method must be POST with application/x-www-form-urlencoded encoding")
  }
  const b = ctx.body
  const grant = typeof b["grant_type"] === "string" ? b["grant_type"] : undefined
  if (grant === undefined || !GRANT_TYPE.test(grant)) {
    return oauthError("invalid_request", "Invalid or missing grant_type parameter")
  }
  const basic = basicCredentials(ctx.req.headers.authorization)
  const clientId = basic?.user ?? first(b["client_id"])
  const clientSecret = basic?.pass ?? first(b["client_secret"])
  if (clientId === undefined || !CLIENT_ID.test(clientId)) {
    return oauthError("invalid_client", "Invalid or missing client_id parameter")
  }
  if (clientSecret === undefined || clientSecret === "") {
    return oauthError("invalid_client", "Missing client_secret parameter")
  }
  const s = ctx.store
  // a registered client needs its secret; any other id is a personal-use client (Particle: "any id works")
  const registered = s.clients.get(clientId)
  if (registered && registered.secret !== clientSecret) {
    return oauthError("invalid_client", "Client credentials are invalid")
  }
  switch (grant) {
    case "password": {
      const username = first(b["username"])
      const password = first(b["password"])
      if (!username || !password) {
        return oauthError("invalid_client", "Missing parameters. \"username\" and \"password\" are required")
      }
      const u = s.users.get(username)
      if (!u || u.password === "" || u.password !== password) {
        return oauthError("invalid_grant", "User credentials are invalid")
      }
      if (u.mfa) {
        return oauthError("mfa_required", "Multi-factor authentication required", {
          mfa_token: s.users.startMfa(username, MFA_LOGIN_TTL_MS, "login", clientId)
        })
      }
      return tokenResponse(ctx, { username, client: clientId, scopes: [] })
    }
    case "urn:custom:mfa-otp": {
      const mfaToken = first(b["mfa_token"])
      const otp = first(b["otp"])
      if (!mfaToken || !otp) return oauthError("invalid_request", "You must provide otp and mfa token.")
      const step = s.users.mfaStep(mfaToken, "login")
      if (step === undefined) return oauthError("invalid_grant", "Invalid or expired mfa token")
      // a wrong code leaves the MFA token valid: particle-cli asks again with the same one
      if (otp !== MFA_OTP) return oauthError("invalid_grant", "Invalid one-time password")
      s.users.endMfa(mfaToken)
      return tokenResponse(ctx, { username: step.username, client: step.client ?? clientId, scopes: [] })
    }
    case "urn:custom:recovery-code": {
      const mfaToken = first(b["mfa_token"])
      const code = first(b["recovery_code"])
      if (!mfaToken || !code) return oauthError("invalid_request", "You must provide recovery code and mfa token.")
      const step = s.users.mfaStep(mfaToken, "login")
      if (step === undefined) return oauthError("invalid_grant", "Invalid or expired mfa token")
      if (!s.users.useRecoveryCode(step.username, code)) return oauthError("invalid_grant", "Invalid recovery code")
      s.users.endMfa(mfaToken)
      return tokenResponse(ctx, { username: step.username, client: step.client ?? clientId, scopes: [] })
    }
    case "client_credentials":
      return clientCredentialsGrant(ctx, registered, clientId)
    case "refresh_token": {
      const rt = first(b["refresh_token"])
      if (!rt) return oauthError("invalid_request", "No \"refresh_token\" parameter")
      const r = s.users.takeRefresh(rt, clientId)
      if (r === undefined) return oauthError("invalid_grant", "Invalid refresh token")
      if (r === "expired") return oauthError("invalid_grant", "Refresh token has expired")
      if (!s.users.has(r.username)) return oauthError("invalid_grant", "Invalid refresh token")
      return tokenResponse(ctx, { username: r.username, client: r.client, scopes: [...r.scopes] })
    }
    case "authorization_code": {
      // web-client redirects are not simulated: no code is ever valid
      if (!first(b["code"])) return oauthError("invalid_request", "No \"code\" parameter")
      return oauthError("invalid_grant", "Invalid code")
    }
    default:
      // the regex accepts any case, the grant switch does not (the fork's behaviour)
      return oauthError("invalid_request", "Invalid grant_type parameter or parameter missing")
  }
}
