/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { UsageReport } from "./Billing.js"
import { billingRoutes, NumericId, org } from "./internal/input.js"

/**
 * Gets a usage report (`GET /v1/user/usage_reports/:id`, or `/v1/orgs/:org/usage_reports/:id`;
 * `{ "data": … }` unwrapped): its `state`, and once `available` its `download_url` and `expires_at`.
 *
 * Errors: `NotFound` (no such report, or not yours; no such org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { getUsageReport } from "@effect-particle/billing"
 * import { Effect } from "effect"
 *
 * const link = getUsageReport({ usageReportId: 1 }).pipe(Effect.map((r) => r.attributes.download_url))
 * ```
 *
 * @since 0.1.0
 * @category usage reports
 */
export const getUsageReport = /*#__PURE__*/ Operation.make({
  name: "getUsageReport",
  summary: "Get a usage report (its state and, once available, its download link)",
  method: "GET",
  routes: billingRoutes("/usage_reports/{usageReportId}"),
  input: Schema.Struct({ org, usageReportId: NumericId }),
  response: Operation.json(Schema.pluck(Schema.Struct({ data: UsageReport }), "data")),
  errors: [ParticleError.NotFound]
})
