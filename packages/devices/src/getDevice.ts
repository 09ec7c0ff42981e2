/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Device } from "./Device.js"

/**
 * Gets one device: its state (`online`, `last_heard`), firmware, the names and types of its variables
 * and functions, and for product devices the product fields (`groups`, `firmware_version`,
 * `desired_firmware_version`, `development`, `quarantined`, …).
 *
 * Options: `deviceId` (id, or name in the user scope), `product` (id or slug) for the product route.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `Forbidden` ("Permission Denied"): user scope — no device with this id or name, or it belongs to
 *   someone else (Particle does not tell the two apart); product scope — not on the product's team.
 * - `NotFound`: product scope — the device is not in the product, or no such product.
 *
 * @example
 * ```ts
 * import { getDevice } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const isOnline = getDevice({ deviceId: "my-boron" }).pipe(
 *   Effect.map((d) => d.online),
 *   Effect.catchTag("Forbidden", () => Effect.succeed(false))
 * )
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const getDevice = /*#__PURE__*/ Operation.make({
  name: "getDevice",
  summary: "Get one device",
  method: "GET",
  routes: Operation.scoped("/devices/{deviceId}", "user", "product"),
  input: Input.deviceOptions({ deviceId: Input.DeviceIdOrName, product: Schema.optional(Input.Product) }),
  response: Operation.json(Device),
  errors: [ParticleError.NotFound]
})
