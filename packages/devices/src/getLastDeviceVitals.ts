/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { LastVitals } from "./Diagnostics.js"

/**
 * Gets the last vitals a device reported (`GET /v1/diagnostics/:id/last`, or the product twin):
 * signal, cloud connection, battery, memory, … in `diagnostics.payload`.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product, or no such product.
 *
 * @example
 * ```ts
 * import { getLastDeviceVitals } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const battery = getLastDeviceVitals({ deviceId: "my-boron" }).pipe(
 *   Effect.map((r) => r.diagnostics.payload.device?.power?.battery?.charge)
 * )
 * ```
 *
 * @since 0.1.0
 * @category vitals
 */
export const getLastDeviceVitals = /*#__PURE__*/ Operation.make({
  name: "getLastDeviceVitals",
  summary: "Get the last vitals a device reported",
  method: "GET",
  routes: Operation.scoped("/diagnostics/{deviceId}/last", "user", "product"),
  input: Input.deviceOptions({ deviceId: Input.DeviceIdOrName, product: Schema.optional(Input.Product) }),
  response: Operation.json(LastVitals),
  errors: [ParticleError.NotFound]
})
