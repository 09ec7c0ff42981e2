/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/**
 * Deletes the account the token belongs to (`DELETE /v1/user` with a JSON body `{ password }`, as
 * particle-api-js sends it). Its devices become unclaimed and its tokens stop working. There is no undo.
 *
 * Options: `password` (a `Redacted<string>` or a plain string).
 *
 * Errors:
 * - `BadRequest`: a wrong password.
 * - `InvalidInput`: an empty `password`.
 *
 * @example
 * ```ts
 * import { deleteUser } from "@effect-particle/auth"
 *
 * const closeAccount = deleteUser({ password: process.env.PARTICLE_PASSWORD! })
 * ```
 *
 * @since 0.1.0
 * @category user
 */
export const deleteUser = /*#__PURE__*/ Operation.make({
  name: "deleteUser",
  summary: "Delete the account (needs its password)",
  method: "DELETE",
  routes: [{ path: "/v1/user" }],
  input: Schema.Struct({ password: Input.Secret }),
  body: (i) => Operation.jsonBody({ password: Redacted.value(i.password) }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest]
})
