/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { grantForm, TOKEN_PATH, tokenResponse } from "./internal/grant.js"
import { defaultClient, TokenDuration } from "./internal/input.js"

/**
 * Exchanges a refresh token for a new access token (the OAuth `refresh_token` grant: form-encoded
 * `POST /oauth/token` with `grant_type=refresh_token`, `refresh_token`, `client_id`, `client_secret`), which
 * particle-api-js lacks. The answer carries a new refresh token: a refresh token is used once, so keep the
 * new one. Refresh tokens come with expiring tokens (product, customer and most user tokens) and stay valid
 * for 14 days after their access token expires.
 *
 * Options: `refreshToken` (a `Redacted<string>` or a plain string), `clientId` / `clientSecret` (default
 * `particle` / `particle`; must be the client the refresh token was issued to), `tokenDuration` (seconds;
 * sent only when given).
 *
 * Errors:
 * - `BadRequest`: `invalid_grant` "Invalid refresh token" (unknown, already used, or issued to another
 *   client) or "Refresh token has expired".
 * - `InvalidInput`: an empty `refreshToken`, a malformed `clientId`.
 *
 * @example
 * ```ts
 * import { refreshToken, Token } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * declare const saved: Token.Token
 * const renewed = refreshToken({ refreshToken: saved.refresh_token! })
 * ```
 *
 * @since 0.1.0
 * @category grants
 */
export const refreshToken = /*#__PURE__*/ Operation.make({
  name: "refreshToken",
  summary: "Exchange a refresh token for a new token (OAuth `refresh_token` grant)",
  method: "POST",
  routes: [{ path: TOKEN_PATH }],
  auth: false,
  input: Schema.Struct({
    refreshToken: Input.Secret,
    tokenDuration: Schema.optional(TokenDuration),
    ...defaultClient
  }),
  body: (i) =>
    grantForm("refresh_token", i, { refresh_token: Redacted.value(i.refreshToken), expires_in: i.tokenDuration }),
  response: tokenResponse,
  errors: [ParticleError.BadRequest, ParticleError.Forbidden]
})
