/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { PingResult } from "./Device.js"

/**
 * Asks the cloud to ping the device now (`PUT /v1/devices/:id/ping`, or the product twin) and answers
 * whether it responded (`online`). Unlike `online` from `getDevice`, which for cellular devices can lag
 * by tens of minutes, this reflects the device's state now. particle-api-js has no such method.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product.
 *
 * @example
 * ```ts
 * import { pingDevice } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const reachable = pingDevice({ deviceId: "my-boron" }).pipe(Effect.map((r) => r.online))
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const pingDevice = /*#__PURE__*/ Operation.make({
  name: "pingDevice",
  summary: "Ping a device and report whether it is online",
  method: "PUT",
  routes: Operation.scoped("/devices/{deviceId}/ping", "user", "product"),
  input: Input.deviceOptions({ deviceId: Input.DeviceIdOrName, product: Schema.optional(Input.Product) }),
  response: Operation.json(PingResult),
  errors: [ParticleError.NotFound]
})
