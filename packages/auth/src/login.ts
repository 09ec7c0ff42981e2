/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { grantForm, TOKEN_PATH, tokenResponse } from "./internal/grant.js"
import { DEFAULT_TOKEN_DURATION, defaultClient, NonBlank, TokenDuration } from "./internal/input.js"

/**
 * Logs in with a username and password (the OAuth `password` grant: form-encoded `POST /oauth/token` with
 * `username`, `password`, `grant_type=password`, `client_id`, `client_secret` and `expires_in`, as
 * particle-api-js sends it). Answers a {@link Token.Token} whose `access_token` and `refresh_token` are
 * `Redacted`; use it with `ParticleClient.withAccessToken(token.access_token)`.
 *
 * Options: `username`, `password` (a `Redacted<string>` or a plain string, wrapped at once), `tokenDuration`
 * (seconds, default 7,776,000 = 90 days as particle-api-js; `0` = never expires), `clientId` /
 * `clientSecret` (default `particle` / `particle`, Particle's documented client for personal use).
 *
 * Unlike particle-api-js, no `Authorization: Bearer` header is sent to the token endpoint, even when the
 * client has a token.
 *
 * Errors:
 * - `Forbidden` with `error: "mfa_required"`: the account has multi-factor authentication; `mfaToken`
 *   holds the token for the second step, {@link sendOtp}. `error: "sso_user"`: the account logs in through
 *   single sign-on only.
 * - `BadRequest`: `invalid_grant` "User credentials are invalid" (wrong username or password),
 *   `invalid_client` (unknown client or wrong client secret), `invalid_request`.
 * - `RateLimited`: Particle allows 100 token requests per 5 minutes per IP, and blocks an IP for 30 minutes
 *   after 10 failed ones.
 * - `InvalidInput`: an empty `username` or `password`, a malformed `clientId`, a bad `tokenDuration`.
 *
 * @example
 * ```ts
 * import { login, sendOtp } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const token = (askOtp: Effect.Effect<string>) =>
 *   login({ username: "me@example.com", password: process.env.PARTICLE_PASSWORD! }).pipe(
 *     Effect.catchTag("Forbidden", (e) =>
 *       e.mfaToken === undefined
 *         ? Effect.fail(e)
 *         : Effect.flatMap(askOtp, (otp) => sendOtp({ mfaToken: e.mfaToken!, otp })))
 *   )
 * ```
 *
 * @since 0.1.0
 * @category grants
 */
export const login = /*#__PURE__*/ Operation.make({
  name: "login",
  summary: "Log in with a username and password (OAuth `password` grant)",
  method: "POST",
  routes: [{ path: TOKEN_PATH }],
  auth: false,
  input: Schema.Struct({
    username: NonBlank,
    password: Input.Secret,
    tokenDuration: Schema.optionalWith(TokenDuration, { default: () => DEFAULT_TOKEN_DURATION }),
    ...defaultClient
  }),
  body: (i) =>
    grantForm("password", i, {
      username: i.username,
      password: Redacted.value(i.password),
      expires_in: i.tokenDuration
    }),
  response: tokenResponse,
  errors: [ParticleError.BadRequest, ParticleError.Forbidden]
})
