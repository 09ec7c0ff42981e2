/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/**
 * Turns MFA off (`PUT /v1/user/mfa-disable` with JSON `{ current_password }`, as particle-api-js sends it).
 *
 * Options: `currentPassword` (a `Redacted<string>` or a plain string).
 *
 * Errors:
 * - `BadRequest`: a wrong password.
 * - `InvalidInput`: an empty `currentPassword`.
 *
 * @example
 * ```ts
 * import { disableMfa } from "@effect-particle/auth"
 *
 * const off = disableMfa({ currentPassword: process.env.PARTICLE_PASSWORD! })
 * ```
 *
 * @since 0.1.0
 * @category mfa
 */
export const disableMfa = /*#__PURE__*/ Operation.make({
  name: "disableMfa",
  summary: "Turn MFA off (needs the password)",
  method: "PUT",
  routes: [{ path: "/v1/user/mfa-disable" }],
  input: Schema.Struct({ currentPassword: Input.Secret }),
  body: (i) => Operation.jsonBody({ current_password: Redacted.value(i.currentPassword) }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest]
})
