/**
 * @since 0.1.0
 */
import { Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Revokes the token the request is made with (`DELETE /v1/access_tokens/current`): a logout. Later
 * requests with it answer 401 `invalid_token`.
 *
 * Errors: `Unauthorized` (the token is already invalid or expired).
 *
 * @example
 * ```ts
 * import { deleteCurrentAccessToken } from "@effect-particle/auth"
 * import { ParticleClient } from "@effect-particle/core"
 * import { Redacted } from "effect"
 *
 * const logout = (token: Redacted.Redacted<string>) =>
 *   deleteCurrentAccessToken().pipe(ParticleClient.withAccessToken(token))
 * ```
 *
 * @since 0.1.0
 * @category access tokens
 */
export const deleteCurrentAccessToken = /*#__PURE__*/ Operation.make({
  name: "deleteCurrentAccessToken",
  summary: "Revoke the token the request is made with (log out)",
  method: "DELETE",
  routes: [{ path: "/v1/access_tokens/current" }],
  input: Schema.Struct({}),
  response: Operation.empty
})
