/**
 * @since 0.2.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * The answer of `forceFirmwareUpdates`: the device and its new setting.
 *
 * @since 0.2.0
 * @category schemas
 */
export const FirmwareUpdatesForcedResult = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  firmware_updates_forced: Schema.Boolean,
  updated_at: Schema.optional(Schema.String)
})

/**
 * Forces over-the-air updates on a device (`forced: true`, the default): the cloud delivers firmware even
 * when the device's application has disabled updates (`System.disableUpdates()`), or stops forcing them
 * (`forced: false`). Sends `PUT /v1/devices/:id` (or the product twin) with JSON
 * `{ firmware_updates_forced }`, which particle-api-js has no method for.
 *
 * @example
 * ```ts
 * import { forceFirmwareUpdates } from "@effect-particle/devices"
 *
 * const force = forceFirmwareUpdates({ deviceId: "0123456789abcdef01234567" })
 * ```
 *
 * @since 0.2.0
 * @category firmware
 */
export const forceFirmwareUpdates = /*#__PURE__*/ Operation.make({
  name: "forceFirmwareUpdates",
  summary: "Force over-the-air updates on a device (or stop forcing them)",
  method: "PUT",
  routes: Operation.scoped("/devices/{deviceId}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    product: Schema.optional(Input.Product),
    forced: Schema.optional(Schema.Boolean)
  }),
  body: (i) => Operation.jsonBody({ firmware_updates_forced: i.forced ?? true }),
  response: Operation.json(FirmwareUpdatesForcedResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
