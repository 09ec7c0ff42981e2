/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { productOrOrg } from "./internal/scope.js"
import { TeamList } from "./Team.js"

/**
 * Lists the team of a product (`GET /v1/products/:product/team`, as particle-api-js asks) or, with `org`
 * instead, of an organization (`GET /v1/orgs/:org/team`), as `{ ok, team: [...] }`: people with their role,
 * and API users (`is_programmatic`, with their `scopes`).
 *
 * Errors:
 * - `NotFound`: no such product or organization.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: neither or both of `product` and `org`, or a malformed one.
 *
 * @example
 * ```ts
 * import { listTeamMembers } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const people = listTeamMembers({ product: 4242 }).pipe(
 *   Effect.map(({ team }) => team.filter((m) => !m.is_programmatic).map((m) => m.username))
 * )
 * ```
 *
 * @since 0.1.0
 * @category team
 */
export const listTeamMembers = /*#__PURE__*/ Operation.make({
  name: "listTeamMembers",
  summary: "List the team members of a product (or an organization)",
  method: "GET",
  routes: Operation.scoped("/team", "product", "org"),
  input: productOrOrg({}),
  response: Operation.json(TeamList),
  errors: [ParticleError.NotFound]
})
