/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { metricsQuery } from "./internal/query.js"
import { FunctionsMetrics, MetricsOptions } from "./Metrics.js"

/**
 * Fleet health (`GET /v1/products/:product/metrics/functions`, with `start_date`, `end_date`, `bucket_size`,
 * `product_fw`, `device_os_version`, `device_group`): the outcome of the function calls to the fleet in each time bucket, `{ functions: [{ time, success, failure, offline }] }` (zero counts omitted). Options are `Metrics.MetricsOptions`:
 * `startDate` / `endDate` (a `Date` or ISO-8601; Particle's default is now), `bucketSize` (seconds, greater
 * than 15; Particle's default 900) and the filters `productFw`, `deviceOsVersion`, `deviceGroup`.
 * particle-api-js has no such method.
 *
 * Errors:
 * - `BadRequest`: Particle rejected the query (e.g. a period it does not keep).
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team (or the plan has no fleet health).
 * - `InvalidInput` (nothing sent): a malformed date, `startDate` after `endDate`, a `bucketSize` that is not
 *   an integer above 15, a bad `productFw`, group name or `product`.
 *
 * @example
 * ```ts
 * import { getFunctionsMetrics } from "@effect-particle/products"
 *
 * const calls = getFunctionsMetrics({ product: 4242, deviceOsVersion: "6.2.1" })
 * ```
 *
 * @since 0.1.0
 * @category metrics
 */
export const getFunctionsMetrics = /*#__PURE__*/ Operation.make({
  name: "getFunctionsMetrics",
  summary: "Count the function calls to a product's fleet over time",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/metrics/functions" }],
  input: MetricsOptions,
  query: metricsQuery,
  response: Operation.json(FunctionsMetrics),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
