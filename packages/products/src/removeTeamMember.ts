/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import { productOrOrg } from "./internal/scope.js"

/**
 * Removes a member (a person or an API user, whose token then dies) from the team of a product
 * (`DELETE /v1/products/:product/team/:username`) or of an organization (`org` instead of `product`).
 * Succeeds with nothing (Particle answers `{"ok":true}`).
 *
 * Errors:
 * - `NotFound`: `username` is not on the team, or no such product or organization.
 * - `Forbidden`: not allowed to remove members of this team.
 * - `InvalidInput`: an empty `username`, neither or both of `product` and `org`.
 *
 * @example
 * ```ts
 * import { removeTeamMember } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const remove = removeTeamMember({ product: 4242, username: "ada@example.com" }).pipe(
 *   Effect.catchTag("NotFound", () => Effect.void) // not a member: nothing to do
 * )
 * ```
 *
 * @since 0.1.0
 * @category team
 */
export const removeTeamMember = /*#__PURE__*/ Operation.make({
  name: "removeTeamMember",
  summary: "Remove a member from the team of a product (or an organization)",
  method: "DELETE",
  routes: Operation.scoped("/team/{username}", "product", "org"),
  input: productOrOrg({ username: Input.NonEmpty }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
