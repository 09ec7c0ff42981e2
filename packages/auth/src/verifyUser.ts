/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/**
 * Verifies a new account with the token from the email Particle sent after sign-up
 * (`POST /v1/user/verify` with JSON `{ token }`; no Bearer token). particle-api-js had this method until
 * 12.0.1 removed it; scripts still call it.
 *
 * Options: `token` (the verification token, a `Redacted<string>` or a plain string).
 *
 * Errors:
 * - `BadRequest`: an unknown or already used verification token.
 * - `InvalidInput`: an empty `token`.
 *
 * @example
 * ```ts
 * import { verifyUser } from "@effect-particle/auth"
 *
 * const verify = (tokenFromEmail: string) => verifyUser({ token: tokenFromEmail })
 * ```
 *
 * @since 0.1.0
 * @category user
 */
export const verifyUser = /*#__PURE__*/ Operation.make({
  name: "verifyUser",
  summary: "Verify a new account with the emailed token",
  method: "POST",
  routes: [{ path: "/v1/user/verify" }],
  auth: false,
  input: Schema.Struct({ token: Input.Secret }),
  body: (i) => Operation.jsonBody({ token: Redacted.value(i.token) }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest]
})
