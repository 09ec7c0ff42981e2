/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { NonBlank } from "./internal/input.js"

/**
 * Asks Particle to email a password-reset link (`POST /v1/user/password-reset` with JSON `{ username }`;
 * no Bearer token). The answer is the same whether or not the account exists. Rate limited to 100 per
 * 5 minutes per IP.
 *
 * Errors: `BadRequest` (no username); `InvalidInput` (an empty `username`).
 *
 * @example
 * ```ts
 * import { resetPassword } from "@effect-particle/auth"
 *
 * const forgot = resetPassword({ username: "ada@example.com" })
 * ```
 *
 * @since 0.1.0
 * @category user
 */
export const resetPassword = /*#__PURE__*/ Operation.make({
  name: "resetPassword",
  summary: "Email a password-reset link",
  method: "POST",
  routes: [{ path: "/v1/user/password-reset" }],
  auth: false,
  input: Schema.Struct({ username: NonBlank }),
  body: (i) => Operation.jsonBody({ username: i.username }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest]
})
