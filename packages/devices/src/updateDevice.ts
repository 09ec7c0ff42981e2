/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { DeviceUpdate } from "./Device.js"

const productOnly = ["development", "desiredFirmwareVersion", "flash"] as const

/**
 * Changes several attributes of a device in one request (`PUT /v1/devices/:id`, or the product twin):
 * `name`, `signal` (sent as `"1"`/`"0"`), `notes`, and with `product` also `development`,
 * `desiredFirmwareVersion` (`null` unlocks) and `flash`. Options left out are not sent. The answer holds
 * the attributes that changed.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: Particle rejected a value (a bad name, an unknown firmware version, nothing to do).
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product.
 *
 * @example
 * ```ts
 * import { updateDevice } from "@effect-particle/devices"
 *
 * const update = updateDevice({
 *   product: 4242,
 *   deviceId: "0123456789abcdef01234567",
 *   name: "truck-17",
 *   notes: "moved to depot B",
 *   desiredFirmwareVersion: null
 * })
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const updateDevice = /*#__PURE__*/ Operation.make({
  name: "updateDevice",
  summary: "Change several attributes of a device at once",
  method: "PUT",
  routes: Operation.scoped("/devices/{deviceId}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    product: Schema.optional(Input.Product),
    name: Schema.optional(Input.NonEmpty),
    signal: Schema.optional(Schema.Boolean),
    notes: Schema.optional(Schema.String),
    development: Schema.optional(Schema.Boolean),
    desiredFirmwareVersion: Schema.optional(Schema.NullOr(Schema.Number.pipe(
      Schema.int({ message: () => "must be a firmware version (a positive integer) or null" }),
      Schema.positive({ message: () => "must be a firmware version (a positive integer) or null" })
    ))),
    flash: Schema.optional(Schema.Boolean)
  }).pipe(
    Schema.filter((i) => {
      if (i.product !== undefined) return undefined
      const given = productOnly.find((key) => i[key] !== undefined)
      return given === undefined
        ? undefined
        : { path: [given], message: "needs product (it only exists for product devices)" }
    })
  ),
  body: (i) =>
    Operation.jsonBody(
      i.product !== undefined
        ? {
          name: i.name,
          signal: i.signal === undefined ? undefined : i.signal ? "1" : "0",
          notes: i.notes,
          development: i.development,
          desired_firmware_version: i.desiredFirmwareVersion,
          flash: i.flash
        }
        : { name: i.name, signal: i.signal === undefined ? undefined : i.signal ? "1" : "0", notes: i.notes }
    ),
  response: Operation.json(DeviceUpdate),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
