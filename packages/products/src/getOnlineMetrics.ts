/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { metricsQuery } from "./internal/query.js"
import { MetricsOptions, OnlineMetrics } from "./Metrics.js"

/**
 * Fleet health (`GET /v1/products/:product/metrics/online`, with `start_date`, `end_date`, `bucket_size`,
 * `product_fw`, `device_os_version`, `device_group`): the number of devices online in each time bucket, `{ online: [{ time, count }] }`. Options are `Metrics.MetricsOptions`:
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
 * import { getOnlineMetrics } from "@effect-particle/products"
 *
 * const online = getOnlineMetrics({ product: 4242, startDate: "2024-04-01T00:00:00Z", endDate: "2024-04-02T00:00:00Z", bucketSize: 3600 })
 * ```
 *
 * @since 0.1.0
 * @category metrics
 */
export const getOnlineMetrics = /*#__PURE__*/ Operation.make({
  name: "getOnlineMetrics",
  summary: "Count the online devices of a product's fleet over time",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/metrics/online" }],
  input: MetricsOptions,
  query: metricsQuery,
  response: Operation.json(OnlineMetrics),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
