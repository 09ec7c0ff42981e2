/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { metricsQuery } from "./internal/query.js"
import { MetricsOptions, VariablesMetrics } from "./Metrics.js"

/**
 * Fleet health (`GET /v1/products/:product/metrics/variables`, with `start_date`, `end_date`, `bucket_size`,
 * `product_fw`, `device_os_version`, `device_group`): the outcome of the variable reads on the fleet in each time bucket, `{ variables: [{ time, success, failure, offline }] }` (zero counts omitted). Options are `Metrics.MetricsOptions`:
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
 * import { getVariablesMetrics } from "@effect-particle/products"
 *
 * const reads = getVariablesMetrics({ product: 4242 })
 * ```
 *
 * @since 0.1.0
 * @category metrics
 */
export const getVariablesMetrics = /*#__PURE__*/ Operation.make({
  name: "getVariablesMetrics",
  summary: "Count the variable reads of a product's fleet over time",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/metrics/variables" }],
  input: MetricsOptions,
  query: metricsQuery,
  response: Operation.json(VariablesMetrics),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
