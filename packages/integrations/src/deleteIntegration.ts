/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { OneIntegration } from "./internal/scope.js"

/**
 * Deletes an integration (the cloud answers 204).
 *
 * Options: `integrationId`, `product` or `org` (id or slug) for their integrations.
 *
 * Errors:
 * - `NotFound`: no integration with this id in this scope (e.g. already deleted), or no such product or
 *   organization.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: an empty `integrationId`, `product` with `org`.
 *
 * @example
 * ```ts
 * import { deleteIntegration } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const gone = deleteIntegration({ integrationId: "10001" }).pipe(Effect.catchTag("NotFound", () => Effect.void))
 * ```
 *
 * @since 0.1.0
 * @category integrations
 */
export const deleteIntegration = /*#__PURE__*/ Operation.make({
  name: "deleteIntegration",
  summary: "Delete an integration",
  method: "DELETE",
  routes: Operation.scoped("/integrations/{integrationId}", "user", "product", "org"),
  input: OneIntegration,
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
