/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { NotesResult } from "./Device.js"

/**
 * Sets the free-text notes of a device (`PUT /v1/devices/:id` with JSON `{ notes }`, or the product
 * twin). An empty string clears them.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product.
 *
 * @example
 * ```ts
 * import { setDeviceNotes } from "@effect-particle/devices"
 *
 * const note = setDeviceNotes({ deviceId: "0123456789abcdef01234567", notes: "battery replaced 2025-03-01" })
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const setDeviceNotes = /*#__PURE__*/ Operation.make({
  name: "setDeviceNotes",
  summary: "Set the notes of a device",
  method: "PUT",
  routes: Operation.scoped("/devices/{deviceId}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    notes: Schema.String,
    product: Schema.optional(Input.Product)
  }),
  body: (i) => Operation.jsonBody({ notes: i.notes }),
  response: Operation.json(NotesResult),
  errors: [ParticleError.NotFound]
})
