/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { base64, BasicUsername } from "./internal/input.js"
import { AccessTokenInfo } from "./Token.js"

/**
 * Lists the account's access tokens (`GET /v1/access_tokens` with HTTP Basic `username:password`, no
 * Bearer token), each with its expiry and the client that made it; every `token` is `Redacted`. Particle
 * keeps this endpoint for old scripts (particle-api-js dropped it in 11.0.0 because it needs the password);
 * prefer {@link getCurrentAccessToken} where it will do.
 *
 * Options: `username`, `password` (a `Redacted<string>` or a plain string, wrapped at once; it goes only into
 * the `Authorization: Basic` header, never into a URL, an error or a span).
 *
 * Accounts with MFA: the endpoint wants the one-time password in the query string (`?otp=`, as
 * particle-api-js ≤ 10 sent it). This SDK never puts a one-time password in a URL, so it has no `otp`
 * option: for an MFA account the cloud refuses the request (`Unauthorized`).
 *
 * Errors:
 * - `Unauthorized`: missing or wrong credentials, or an MFA account.
 * - `InvalidInput`: an empty `username` or `password`, a `username` with `:`.
 *
 * @example
 * ```ts
 * import { listAccessTokens } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const expiring = listAccessTokens({ username: "me@example.com", password: process.env.PARTICLE_PASSWORD! }).pipe(
 *   Effect.map((tokens) => tokens.filter((t) => t.expires_at != null))
 * )
 * ```
 *
 * @since 0.1.0
 * @category access tokens
 */
export const listAccessTokens = /*#__PURE__*/ Operation.make({
  name: "listAccessTokens",
  summary: "List the account's access tokens (HTTP Basic username and password)",
  method: "GET",
  routes: [{ path: "/v1/access_tokens" }],
  auth: false,
  input: Schema.Struct({ username: BasicUsername, password: Input.Secret }),
  headers: (i) => ({ authorization: `Basic ${base64(`${i.username}:${Redacted.value(i.password)}`)}` }),
  response: Operation.json(Schema.Array(AccessTokenInfo)),
  errors: [ParticleError.Unauthorized]
})
