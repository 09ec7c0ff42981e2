/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { VitalsHistory } from "./Diagnostics.js"

/**
 * Gets the vitals records of a device over a period (`GET /v1/diagnostics/:id`, or the product twin,
 * with `start_date` / `end_date` as ISO-8601). Particle keeps records for one month.
 *
 * Options: `startDate`, `endDate`: a `Date` or an ISO-8601 string.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: dates Particle does not accept (`start_date` more than 30 days ago, …).
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product, or no such product.
 *
 * @example
 * ```ts
 * import { getDeviceVitalsHistory } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const lastDay = getDeviceVitalsHistory({
 *   deviceId: "my-boron",
 *   startDate: new Date(Date.now() - 86_400_000)
 * }).pipe(Effect.map((r) => r.diagnostics.length))
 * ```
 *
 * @since 0.1.0
 * @category vitals
 */
export const getDeviceVitalsHistory = /*#__PURE__*/ Operation.make({
  name: "getDeviceVitalsHistory",
  summary: "Get the vitals records of a device over a period",
  method: "GET",
  routes: Operation.scoped("/diagnostics/{deviceId}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    product: Schema.optional(Input.Product),
    startDate: Schema.optional(Input.DateTime),
    endDate: Schema.optional(Input.DateTime)
  }),
  query: (i) => ({ start_date: i.startDate, end_date: i.endDate }),
  response: Operation.json(VitalsHistory),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
