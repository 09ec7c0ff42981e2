/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Notification } from "./Billing.js"
import { billingRoutes, NumericId, org } from "./internal/input.js"

/**
 * Lists the notifications of a service agreement
 * (`GET /v1/user/service_agreements/:id/notifications`, or the org twin; `{ "data": […] }` unwrapped):
 * usage thresholds reached, devices paused or unpaused, …
 *
 * Errors: `NotFound` (no such agreement, or not yours; no such org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { listServiceAgreementNotifications } from "@effect-particle/billing"
 * import { Effect } from "effect"
 *
 * const events = listServiceAgreementNotifications({ serviceAgreementId: 1001 }).pipe(
 *   Effect.map((ns) => ns.map((n) => n.attributes.event_name))
 * )
 * ```
 *
 * @since 0.1.0
 * @category service agreements
 */
export const listServiceAgreementNotifications = /*#__PURE__*/ Operation.make({
  name: "listServiceAgreementNotifications",
  summary: "List the notifications of a service agreement",
  method: "GET",
  routes: billingRoutes("/service_agreements/{serviceAgreementId}/notifications"),
  input: Schema.Struct({ org, serviceAgreementId: NumericId }),
  response: Operation.json(Schema.pluck(Schema.Struct({ data: Schema.Array(Notification) }), "data")),
  errors: [ParticleError.NotFound]
})
