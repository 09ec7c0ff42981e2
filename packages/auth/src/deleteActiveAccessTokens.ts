/**
 * @since 0.1.0
 */
import { Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Revokes every access token of the account (`DELETE /v1/access_tokens`), the calling one included: every
 * device, app and CLI logged in as this user must log in again.
 *
 * Errors: `Unauthorized` (the token is invalid or expired).
 *
 * @example
 * ```ts
 * import { deleteActiveAccessTokens } from "@effect-particle/auth"
 *
 * const logoutEverywhere = deleteActiveAccessTokens()
 * ```
 *
 * @since 0.1.0
 * @category access tokens
 */
export const deleteActiveAccessTokens = /*#__PURE__*/ Operation.make({
  name: "deleteActiveAccessTokens",
  summary: "Revoke every access token of the account",
  method: "DELETE",
  routes: [{ path: "/v1/access_tokens" }],
  input: Schema.Struct({}),
  response: Operation.empty
})
