/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ServiceAgreement } from "./Billing.js"
import { billingRoutes, org } from "./internal/input.js"

/**
 * Lists your service agreements (`GET /v1/user/service_agreements`) or an org's
 * (`GET /v1/orgs/:org/service_agreements`), with the current period's usage, as an array (`{ "data": […] }`
 * unwrapped). particle-api-js has no method for it.
 *
 * Errors: `NotFound` (no such org, or you are not a member), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { listServiceAgreements } from "@effect-particle/billing"
 * import { Effect } from "effect"
 *
 * const atLimit = listServiceAgreements().pipe(
 *   Effect.map((agreements) => agreements.some((a) => a.attributes.current_usage_summary?.device_limit_reached === true))
 * )
 * ```
 *
 * @since 0.1.0
 * @category service agreements
 */
export const listServiceAgreements = /*#__PURE__*/ Operation.make({
  name: "listServiceAgreements",
  summary: "List your or an org's service agreements with the current usage",
  method: "GET",
  routes: billingRoutes("/service_agreements"),
  input: Schema.Struct({ org }),
  response: Operation.json(Schema.pluck(Schema.Struct({ data: Schema.Array(ServiceAgreement) }), "data")),
  errors: [ParticleError.NotFound]
})
