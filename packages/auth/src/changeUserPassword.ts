/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { invalidateTokens } from "./internal/input.js"

/**
 * Changes the account's password (`PUT /v1/user` with JSON `{ password, current_password }`, plus
 * `invalidate_tokens: true` when asked, as particle-api-js sends it).
 *
 * Options: `password` (the new one) and `currentPassword`, each a `Redacted<string>` or a plain string;
 * `invalidateTokens` (revoke every other token of the account).
 *
 * Errors:
 * - `BadRequest`: a wrong current password, a new password the cloud refuses.
 * - `InvalidInput`: an empty `password` or `currentPassword`.
 *
 * @example
 * ```ts
 * import { changeUserPassword } from "@effect-particle/auth"
 * import { Redacted } from "effect"
 *
 * const rotate = changeUserPassword({
 *   currentPassword: Redacted.make(process.env.OLD_PASSWORD!),
 *   password: Redacted.make(process.env.NEW_PASSWORD!),
 *   invalidateTokens: true
 * })
 * ```
 *
 * @since 0.1.0
 * @category user
 */
export const changeUserPassword = /*#__PURE__*/ Operation.make({
  name: "changeUserPassword",
  summary: "Change the account's password",
  method: "PUT",
  routes: [{ path: "/v1/user" }],
  input: Schema.Struct({
    password: Input.Secret,
    currentPassword: Input.Secret,
    invalidateTokens: Schema.optional(Schema.Boolean)
  }),
  body: (i) =>
    Operation.jsonBody({
      password: Redacted.value(i.password),
      current_password: Redacted.value(i.currentPassword),
      invalidate_tokens: invalidateTokens(i.invalidateTokens)
    }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest]
})
