/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Without `product`: unclaims one of your devices (`DELETE /v1/devices/:id`). With `product`: removes the
 * device from the product (`DELETE /v1/products/:product/devices/:id`, JSON `{ deny }`); `deny: true`
 * denies a quarantined device so that it cannot come back by itself. Succeeds with nothing (Particle
 * answers `{"ok":true}` or 204).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `Forbidden`: user scope — not your device (or no such device); product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product, or no such product.
 *
 * @example
 * ```ts
 * import { removeDevice } from "@effect-particle/devices"
 *
 * const deny = removeDevice({ product: 4242, deviceId: "0123456789abcdef01234567", deny: true })
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const removeDevice = /*#__PURE__*/ Operation.make({
  name: "removeDevice",
  summary: "Unclaim a device, or remove (or deny) it from a product",
  method: "DELETE",
  routes: Operation.scoped("/devices/{deviceId}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    product: Schema.optional(Input.Product),
    deny: Schema.optional(Schema.Boolean)
  }),
  body: (i) => i.product !== undefined ? Operation.jsonBody({ deny: i.deny }) : undefined,
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
