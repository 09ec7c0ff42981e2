/**
 * @since 0.1.0
 */
import { Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { UserInfo } from "./User.js"

/**
 * Gets the account the token belongs to (`GET /v1/user`): username (the email), `account_info`, whether MFA
 * is on, device counts.
 *
 * Errors: `Unauthorized` (the token is invalid or expired).
 *
 * @example
 * ```ts
 * import { getUserInfo } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const whoami = getUserInfo().pipe(Effect.map((u) => u.username))
 * ```
 *
 * @since 0.1.0
 * @category user
 */
export const getUserInfo = /*#__PURE__*/ Operation.make({
  name: "getUserInfo",
  summary: "Get the account the token belongs to",
  method: "GET",
  routes: [{ path: "/v1/user" }],
  input: Schema.Struct({}),
  response: Operation.json(UserInfo)
})
