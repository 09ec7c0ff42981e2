/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Unclaims a product device from its owner (a customer or developer) and keeps it in the product
 * (`DELETE /v1/products/:product/devices/:id/owner`). Succeeds with nothing.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: the device is not in the product, or no such product.
 * - `Forbidden`: not on the product's team.
 *
 * @example
 * ```ts
 * import { removeDeviceOwner } from "@effect-particle/devices"
 *
 * const release = removeDeviceOwner({ product: "my-fleet", deviceId: "0123456789abcdef01234567" })
 * ```
 *
 * @since 0.1.0
 * @category products
 */
export const removeDeviceOwner = /*#__PURE__*/ Operation.make({
  name: "removeDeviceOwner",
  summary: "Unclaim a product device, keeping it in the product",
  method: "DELETE",
  routes: [{ path: "/v1/products/{product}/devices/{deviceId}/owner" }],
  input: Schema.Struct({ deviceId: Input.DeviceId, product: Input.Product }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
