/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { metricsQuery } from "./internal/query.js"
import { EventsMetrics, MetricsOptions } from "./Metrics.js"

/**
 * Fleet health (`GET /v1/products/:product/metrics/events`, with `start_date`, `end_date`, `bucket_size`,
 * `product_fw`, `device_os_version`, `device_group`): the events received from the fleet in each time bucket, `{ events: [{ time, received }] }`. Options are `Metrics.MetricsOptions`:
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
 * import { getEventsMetrics } from "@effect-particle/products"
 *
 * const traffic = getEventsMetrics({ product: 4242, deviceGroup: "beta" })
 * ```
 *
 * @since 0.1.0
 * @category metrics
 */
export const getEventsMetrics = /*#__PURE__*/ Operation.make({
  name: "getEventsMetrics",
  summary: "Count the events a product's fleet published over time",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/metrics/events" }],
  input: MetricsOptions,
  query: metricsQuery,
  response: Operation.json(EventsMetrics),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
