/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { VitalsSummary } from "./Diagnostics.js"

/**
 * Gets a device's vitals aggregated in time buckets (`GET /v1/diagnostics/:id/summary`, or the
 * product twin): signal strength min/max/avg, battery, memory, round-trip time per bucket.
 *
 * Options: `startDate`, `endDate` (a `Date` or ISO-8601 string), `limit` (the number of samples,
 * sent as `limit`).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: dates Particle does not accept.
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product, or no such product.
 *
 * @example
 * ```ts
 * import { getDeviceVitalsSummary } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const worstSignal = getDeviceVitalsSummary({ deviceId: "my-boron", limit: 30 }).pipe(
 *   Effect.map((s) => Math.min(...s.samples.map((x) => x.signalStrength?.min ?? 100)))
 * )
 * ```
 *
 * @since 0.1.0
 * @category vitals
 */
export const getDeviceVitalsSummary = /*#__PURE__*/ Operation.make({
  name: "getDeviceVitalsSummary",
  summary: "Get a device's vitals aggregated over time",
  method: "GET",
  routes: Operation.scoped("/diagnostics/{deviceId}/summary", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    product: Schema.optional(Input.Product),
    startDate: Schema.optional(Input.DateTime),
    endDate: Schema.optional(Input.DateTime),
    limit: Schema.optional(Input.PerPage)
  }),
  query: (i) => ({ start_date: i.startDate, end_date: i.endDate, limit: i.limit }),
  response: Operation.json(VitalsSummary),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
