/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { SerialNumberLookup } from "./Claim.js"

/**
 * Finds the device id (and ICCID) of a serial number printed on a device's label. Particle allows 50
 * lookups per hour per account (beyond: `RateLimited`).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: Particle knows no device with this serial number.
 * - `RateLimited`: more than 50 lookups in an hour.
 *
 * @example
 * ```ts
 * import { lookupSerialNumber } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const deviceId = lookupSerialNumber({ serialNumber: "E40KAB111111111" }).pipe(
 *   Effect.map((r) => r.deviceID ?? r.device_id)
 * )
 * ```
 *
 * @since 0.1.0
 * @category claiming
 */
export const lookupSerialNumber = /*#__PURE__*/ Operation.make({
  name: "lookupSerialNumber",
  summary: "Find the device id of a serial number",
  method: "GET",
  routes: [{ path: "/v1/serial_numbers/{serialNumber}" }],
  input: Schema.Struct({ serialNumber: Input.NonEmpty }),
  response: Operation.json(SerialNumberLookup),
  errors: [ParticleError.NotFound]
})
