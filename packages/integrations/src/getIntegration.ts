/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { IntegrationEnvelope } from "./Integration.js"
import { OneIntegration } from "./internal/scope.js"

/**
 * Gets one integration with its `logs` (the last deliveries; Particle does not document their shape).
 *
 * Options: `integrationId`, `product` or `org` (id or slug) for their integrations.
 *
 * Errors:
 * - `NotFound`: no integration with this id in this scope, or no such product or organization.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: an empty `integrationId`, `product` with `org`.
 *
 * @example
 * ```ts
 * import { getIntegration, Integration } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const target = getIntegration({ integrationId: "10001" }).pipe(
 *   Effect.map((i) => (Integration.isWebhook(i) ? i.url : i.integration_type))
 * )
 * ```
 *
 * @since 0.1.0
 * @category integrations
 */
export const getIntegration = /*#__PURE__*/ Operation.make({
  name: "getIntegration",
  summary: "Get one integration, with its recent deliveries",
  method: "GET",
  routes: Operation.scoped("/integrations/{integrationId}", "user", "product", "org"),
  input: OneIntegration,
  response: Operation.json(IntegrationEnvelope),
  errors: [ParticleError.NotFound]
})
