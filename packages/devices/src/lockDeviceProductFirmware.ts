/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FirmwareLockResult } from "./Device.js"

/**
 * Locks a product device to one product firmware version (JSON `{ desired_firmware_version, flash }`);
 * `flash: true` also flashes it now if the device is online.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: the product has no firmware with this version.
 * - `NotFound`: the device is not in the product, or no such product.
 * - `Forbidden`: not on the product's team.
 *
 * @example
 * ```ts
 * import { lockDeviceProductFirmware } from "@effect-particle/devices"
 *
 * const pin = lockDeviceProductFirmware({
 *   product: 4242,
 *   deviceId: "0123456789abcdef01234567",
 *   desiredFirmwareVersion: 3,
 *   flash: true
 * })
 * ```
 *
 * @since 0.1.0
 * @category products
 */
export const lockDeviceProductFirmware = /*#__PURE__*/ Operation.make({
  name: "lockDeviceProductFirmware",
  summary: "Lock a product device to a firmware version",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/devices/{deviceId}" }],
  input: Schema.Struct({
    deviceId: Input.DeviceId,
    product: Input.Product,
    desiredFirmwareVersion: Schema.Number.pipe(
      Schema.int({ message: () => "must be a firmware version (a positive integer)" }),
      Schema.positive({ message: () => "must be a firmware version (a positive integer)" })
    ),
    flash: Schema.optional(Schema.Boolean)
  }),
  body: (i) => Operation.jsonBody({ desired_firmware_version: i.desiredFirmwareVersion, flash: i.flash }),
  response: Operation.json(FirmwareLockResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
