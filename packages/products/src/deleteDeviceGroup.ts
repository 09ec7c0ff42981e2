/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { GroupName } from "./Product.js"

/**
 * Deletes a device group (`DELETE /v1/products/:product/groups/:name`, 204); its devices leave it (they
 * stay in the product). particle-api-js has no such method.
 *
 * Errors:
 * - `NotFound`: no such product or group.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a group name Particle cannot hold, a bad `product`.
 *
 * @example
 * ```ts
 * import { deleteDeviceGroup } from "@effect-particle/products"
 *
 * const drop = deleteDeviceGroup({ product: 4242, name: "field-test" })
 * ```
 *
 * @since 0.1.0
 * @category groups
 */
export const deleteDeviceGroup = /*#__PURE__*/ Operation.make({
  name: "deleteDeviceGroup",
  summary: "Delete a device group",
  method: "DELETE",
  routes: [{ path: "/v1/products/{product}/groups/{name}" }],
  input: Schema.Struct({ product: Input.Product, name: GroupName }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
