/**
 * Access tokens: the legacy Basic-auth list, the current token, revoking the current one, all of them, or
 * one named in the path.
 */
import { basicCredentials } from "../bearer.js"
import { first } from "../coerce.js"
import { type Ctx, publicRoute, type RouteTable } from "../context.js"
import { errB, isReply, ok, type Reply } from "../reply.js"
import { MFA_OTP } from "../seed.js"
import type { UserRecord } from "../store/types.js"

/** SPARK's legacy Basic-auth errors (reference §5.2). */
const basicRequired = (): Reply => ({
  status: 401,
  json: {
    ok: false,
    errors: ["Unauthorized. You must send username and password in HTTP Basic Auth to view your access tokens."]
  }
})
const badPassword = (): Reply => ({ status: 401, json: { ok: false, errors: ["Bad password"] } })
const otpRequired = (): Reply => ({
  status: 401,
  json: { ok: false, errors: ["Invalid or missing one-time password"] }
})

const isoOrNull = (t: number | null) => (t === null ? null : new Date(t).toISOString())

/** The user of valid Basic credentials, an error reply, or undefined when the request carries none. */
const basicUser = (ctx: Ctx): UserRecord | Reply | undefined => {
  const basic = basicCredentials(ctx.req.headers.authorization)
  if (!basic) return undefined
  const u = ctx.store.users.get(basic.user)
  if (!u || u.password === "" || u.password !== basic.pass) return badPassword()
  return u
}

export const registerAccessTokens = (r: RouteTable): void => {
  // legacy: HTTP Basic username:password; MFA accounts add ?otp= (particle-api-js ≤ 10 sent it so)
  r.get(
    "/v1/access_tokens",
    publicRoute((ctx) => {
      const u = basicUser(ctx)
      if (u === undefined) return basicRequired()
      if (isReply(u)) return u
      if (u.mfa && first(ctx.query["otp"]) !== MFA_OTP) return otpRequired()
      return ok(
        ctx.store.users.liveTokensOf(u.username).map((t) => ({
          token: t.token,
          expires_at: isoOrNull(t.expiresAt),
          client: t.client
        }))
      )
    })
  )
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
  // The token in the path is the credential: particle-api-js 12 sends no Authorization here (and
  // particle-cli's `token revoke` relies on it). Credentials that are sent must be valid: Basic (the
  // docs: then only the user's own tokens) or Bearer (api-js ≥ 11.1 with a default token).
  r.del(
    "/v1/access_tokens/:token",
    publicRoute((ctx) => {
      let owner: string | undefined
      const basic = basicUser(ctx)
      if (isReply(basic)) return basic
      if (basic !== undefined) owner = basic.username
      else if (ctx.req.headers.authorization !== undefined || ctx.query["access_token"] !== undefined) {
        const a = ctx.authenticate()
        if (isReply(a)) return a
      }
      const t = ctx.store.users.token(ctx.p["token"]!)
      if (!t || (owner !== undefined && t.username !== owner)) return errB(404, "Access token not found")
      ctx.store.users.revoke(t.token)
      return ok({ ok: true })
    })
  )
}
