/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Asks a device to send its vitals now (`POST /v1/diagnostics/:id/update`, or the product twin).
 * Particle answers 202 at once; the device then publishes `spark/device/diagnostics/update` and the
 * record shows up in `getLastDeviceVitals`. Succeeds with nothing.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product, or no such product.
 *
 * @example
 * ```ts
 * import { getLastDeviceVitals, refreshDeviceVitals } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const fresh = refreshDeviceVitals({ deviceId: "my-boron" }).pipe(
 *   Effect.zipRight(Effect.sleep("10 seconds")),
 *   Effect.zipRight(getLastDeviceVitals({ deviceId: "my-boron" }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category vitals
 */
export const refreshDeviceVitals = /*#__PURE__*/ Operation.make({
  name: "refreshDeviceVitals",
  summary: "Ask a device to send its vitals now",
  method: "POST",
  routes: Operation.scoped("/diagnostics/{deviceId}/update", "user", "product"),
  input: Input.deviceOptions({ deviceId: Input.DeviceIdOrName, product: Schema.optional(Input.Product) }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
