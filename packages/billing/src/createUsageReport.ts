/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { UsageReport } from "./Billing.js"
import { billingRoutes, Day, dayString, NumericId, org } from "./internal/input.js"

/**
 * Requests a usage report of a service agreement
 * (`POST /v1/user/service_agreements/:id/usage_reports`, or the org twin) for a period; Particle answers 202
 * with the report `pending` (unwrapped from `{ "data": … }`) and processes it asynchronously: read it back
 * with `getUsageReport` until it is `available`.
 *
 * Options: `serviceAgreementId`, `reportType` (`devices` or `products`), `datePeriodStart` and
 * `datePeriodEnd` (a `Date` or `YYYY-MM-DD`), optionally `devices` or `products` to narrow it, `org`.
 * Sent as `report_type`, `date_period_start`, `date_period_end`, `devices`, `products`.
 *
 * Errors: `BadRequest` (Particle's validation error), `NotFound` (no such agreement or org),
 * `InvalidInput` before any request (an end before the start, a malformed date).
 *
 * @example
 * ```ts
 * import { createUsageReport } from "@effect-particle/billing"
 *
 * const january = createUsageReport({
 *   serviceAgreementId: 1001,
 *   reportType: "devices",
 *   datePeriodStart: "2024-01-01",
 *   datePeriodEnd: "2024-01-31"
 * })
 * ```
 *
 * @since 0.1.0
 * @category usage reports
 */
export const createUsageReport = /*#__PURE__*/ Operation.make({
  name: "createUsageReport",
  summary: "Request a usage report of a service agreement (processed asynchronously)",
  method: "POST",
  routes: billingRoutes("/service_agreements/{serviceAgreementId}/usage_reports"),
  input: Schema.Struct({
    org,
    serviceAgreementId: NumericId,
    reportType: Schema.Literal("devices", "products"),
    datePeriodStart: Day,
    datePeriodEnd: Day,
    devices: Schema.optional(Schema.Array(Schema.String)),
    products: Schema.optional(Schema.Array(Schema.Union(Schema.Number, Schema.String)))
  }).pipe(
    Schema.filter((o) =>
      dayString(o.datePeriodEnd) >= dayString(o.datePeriodStart) ||
      { path: ["datePeriodEnd"], message: "must not be before datePeriodStart" }
    )
  ),
  body: (i) =>
    Operation.jsonBody({
      report_type: i.reportType,
      date_period_start: dayString(i.datePeriodStart),
      date_period_end: dayString(i.datePeriodEnd),
      devices: i.devices,
      products: i.products
    }),
  response: Operation.json(Schema.pluck(Schema.Struct({ data: UsageReport }), "data")),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
