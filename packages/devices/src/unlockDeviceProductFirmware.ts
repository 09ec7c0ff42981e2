/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FirmwareLockResult } from "./Device.js"

/**
 * Unlocks a product device's firmware (JSON `{ desired_firmware_version: null }`): it follows the
 * product's released firmware again.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: the device is not in the product, or no such product.
 * - `Forbidden`: not on the product's team.
 *
 * @example
 * ```ts
 * import { unlockDeviceProductFirmware } from "@effect-particle/devices"
 *
 * const unpin = unlockDeviceProductFirmware({ product: 4242, deviceId: "0123456789abcdef01234567" })
 * ```
 *
 * @since 0.1.0
 * @category products
 */
export const unlockDeviceProductFirmware = /*#__PURE__*/ Operation.make({
  name: "unlockDeviceProductFirmware",
  summary: "Unlock a product device's firmware",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/devices/{deviceId}" }],
  input: Schema.Struct({ deviceId: Input.DeviceId, product: Input.Product }),
  body: () => Operation.jsonBody({ desired_firmware_version: null }),
  response: Operation.json(FirmwareLockResult),
  errors: [ParticleError.NotFound]
})
