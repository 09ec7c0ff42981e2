/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { DeviceGroupInfo } from "./DeviceGroup.js"
import { GroupName } from "./Product.js"

/**
 * Gets one device group with its device count (`GET /v1/products/:product/groups/:name`), as
 * `{ group: {...} }`. particle-api-js has no such method.
 *
 * Errors:
 * - `NotFound`: no such product, or no group of this name in it.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a name Particle cannot hold (lowercase letters, digits, `-`, `_`), a bad `product`.
 *
 * @example
 * ```ts
 * import { getDeviceGroup } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const size = getDeviceGroup({ product: 4242, name: "beta" }).pipe(Effect.map(({ group }) => group.device_count))
 * ```
 *
 * @since 0.1.0
 * @category groups
 */
export const getDeviceGroup = /*#__PURE__*/ Operation.make({
  name: "getDeviceGroup",
  summary: "Get one device group",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/groups/{name}" }],
  input: Schema.Struct({ product: Input.Product, name: GroupName }),
  response: Operation.json(DeviceGroupInfo),
  errors: [ParticleError.NotFound]
})
