/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { RenameResult } from "./Device.js"

/**
 * Renames a device (`PUT /v1/devices/:id` with JSON `{ name }`, or the product twin).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: Particle rejected the name (letters, digits, `_` and `-` only, at most 63).
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product.
 *
 * @example
 * ```ts
 * import { renameDevice } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const renamed = renameDevice({ deviceId: "0123456789abcdef01234567", name: "kitchen-sensor" }).pipe(
 *   Effect.map((r) => r.name)
 * )
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const renameDevice = /*#__PURE__*/ Operation.make({
  name: "renameDevice",
  summary: "Rename a device",
  method: "PUT",
  routes: Operation.scoped("/devices/{deviceId}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    name: Input.NonEmpty,
    product: Schema.optional(Input.Product)
  }),
  body: (i) => Operation.jsonBody({ name: i.name }),
  response: Operation.json(RenameResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
