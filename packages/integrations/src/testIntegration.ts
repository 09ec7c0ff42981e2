/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { TestResult } from "./Integration.js"
import { OneIntegration } from "./internal/scope.js"

/**
 * Sends a test event through an integration now and reports how the target answered: `{ pass: true,
 * data }` or `{ pass: false, error }`. A failing target is not an error of this call: look at `pass`.
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
 * import { testIntegration } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const works = testIntegration({ integrationId: "10001" }).pipe(
 *   Effect.tap((r) => (r.pass ? Effect.void : Effect.logWarning(`webhook failed: ${String(r.error)}`))),
 *   Effect.map((r) => r.pass)
 * )
 * ```
 *
 * @since 0.1.0
 * @category integrations
 */
export const testIntegration = /*#__PURE__*/ Operation.make({
  name: "testIntegration",
  summary: "Send a test event through an integration",
  method: "POST",
  routes: Operation.scoped("/integrations/{integrationId}/test", "user", "product", "org"),
  input: OneIntegration,
  response: Operation.json(TestResult),
  errors: [ParticleError.NotFound]
})
