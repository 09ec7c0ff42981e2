/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { VariableResult } from "./Cloud.js"

/**
 * Reads a variable of a device (`GET /v1/devices/:id/:name`, or the product twin). The value is in
 * `result`: a number for `int32`/`double`, a string, or a boolean.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound` (404): either the firmware exposes no variable with this name, or the device is offline.
 *   Particle answers both with 404; tell them apart by the body — `error` reads like "Variable not found"
 *   / "Unknown Variable: x" for an unknown variable and like "Device is offline" for an offline device
 *   (`e.error`, `e.message`) — or, reliably, by calling `getDevice` and looking at `online` (and
 *   `variables`, which lists the names the device exposes).
 * - `DeviceTimeout` (408): the device is online but did not answer in time (busy firmware, bad signal).
 *   Retrying later may help.
 * - `Forbidden` (403): user scope — no such device, or someone else's ("Permission Denied").
 *
 * @example
 * ```ts
 * import { getDevice, getVariable } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const deviceId = "0123456789abcdef01234567"
 * const temperature = getVariable({ deviceId, name: "temperature" }).pipe(
 *   Effect.map((v) => v.result),
 *   Effect.catchTags({
 *     NotFound: () =>
 *       getDevice({ deviceId }).pipe(
 *         Effect.map((d) => (d.online ? "no such variable" : "device offline"))
 *       ),
 *     DeviceTimeout: () => Effect.succeed("device did not answer")
 *   })
 * )
 * ```
 *
 * @since 0.1.0
 * @category variables and functions
 */
export const getVariable = /*#__PURE__*/ Operation.make({
  name: "getVariable",
  summary: "Read a variable of a device",
  method: "GET",
  routes: Operation.scoped("/devices/{deviceId}/{name}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    name: Input.NonEmpty,
    product: Schema.optional(Input.Product)
  }),
  response: Operation.json(VariableResult),
  errors: [ParticleError.NotFound, ParticleError.DeviceTimeout]
})
