/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { invalidateTokens, NonBlank } from "./internal/input.js"

/**
 * Changes the account's username, i.e. its email (`PUT /v1/user` with JSON `{ username, current_password }`,
 * plus `invalidate_tokens: true` when asked, as particle-api-js sends it).
 *
 * Options: `username` (the new email), `currentPassword` (a `Redacted<string>` or a plain string),
 * `invalidateTokens` (revoke every other token of the account).
 *
 * Errors:
 * - `BadRequest`: a wrong current password, a username already in use.
 * - `InvalidInput`: an empty `username` or `currentPassword`.
 *
 * @example
 * ```ts
 * import { changeUsername } from "@effect-particle/auth"
 *
 * const move = changeUsername({ username: "new@example.com", currentPassword: process.env.PARTICLE_PASSWORD! })
 * ```
 *
 * @since 0.1.0
 * @category user
 */
export const changeUsername = /*#__PURE__*/ Operation.make({
  name: "changeUsername",
  summary: "Change the account's username (email)",
  method: "PUT",
  routes: [{ path: "/v1/user" }],
  input: Schema.Struct({
    username: NonBlank,
    currentPassword: Input.Secret,
    invalidateTokens: Schema.optional(Schema.Boolean)
  }),
  body: (i) =>
    Operation.jsonBody({
      username: i.username,
      current_password: Redacted.value(i.currentPassword),
      invalidate_tokens: invalidateTokens(i.invalidateTokens)
    }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest]
})
