/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { SignalResult } from "./Device.js"

/**
 * Makes a device's status LED shout rainbows (`signal: true`) or stop (`signal: false`), to find it on a
 * desk. Sent as JSON `{ signal: "1" }` / `{ signal: "0" }`, as particle-api-js sends it.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product.
 *
 * @example
 * ```ts
 * import { signalDevice } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const blink = signalDevice({ deviceId: "my-photon", signal: true }).pipe(
 *   Effect.zipRight(Effect.sleep("5 seconds")),
 *   Effect.zipRight(signalDevice({ deviceId: "my-photon", signal: false }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const signalDevice = /*#__PURE__*/ Operation.make({
  name: "signalDevice",
  summary: "Start or stop the rainbow LED signal",
  method: "PUT",
  routes: Operation.scoped("/devices/{deviceId}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    signal: Schema.Boolean,
    product: Schema.optional(Input.Product)
  }),
  body: (i) => Operation.jsonBody({ signal: i.signal ? "1" : "0" }),
  response: Operation.json(SignalResult),
  errors: [ParticleError.NotFound]
})
