/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { productOrOrg } from "./internal/scope.js"
import { Email } from "./Product.js"
import { Invitation, RoleName } from "./Team.js"

/**
 * Invites someone to the team of a product (`POST /v1/products/:product/team`, JSON `{ username }` as
 * particle-api-js sends it, plus `role` when given) or of an organization (`org` instead of `product`).
 * The invitee gets an email to accept. Answers `{ ok, invited: { username } }`.
 *
 * Errors:
 * - `BadRequest`: the user is a member already, or Particle rejected the username or role.
 * - `NotFound`: no such product or organization.
 * - `Forbidden`: not allowed to invite on this team.
 * - `InvalidInput` (nothing sent): a `username` that is not an email address, an unknown `role`, neither
 *   or both of `product` and `org`.
 *
 * @example
 * ```ts
 * import { inviteTeamMember } from "@effect-particle/products"
 *
 * const invite = inviteTeamMember({ product: 4242, username: "ada@example.com", role: "Developer" })
 * ```
 *
 * @since 0.1.0
 * @category team
 */
export const inviteTeamMember = /*#__PURE__*/ Operation.make({
  name: "inviteTeamMember",
  summary: "Invite a member to the team of a product (or an organization)",
  method: "POST",
  routes: Operation.scoped("/team", "product", "org"),
  input: productOrOrg({ username: Email, role: Schema.optional(RoleName) }),
  body: (i) => Operation.jsonBody({ username: i.username, role: i.role }),
  response: Operation.json(Invitation),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
