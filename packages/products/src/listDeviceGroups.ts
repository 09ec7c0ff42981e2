/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { DeviceGroupList } from "./DeviceGroup.js"

/**
 * Lists the device groups of a product (`GET /v1/products/:product/groups`, `name` as a partial-match
 * filter), as `{ groups: [...] }`, each with the firmware version released to it. particle-api-js has no
 * such method.
 *
 * Errors:
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: an empty `name`, a bad `product`.
 *
 * @example
 * ```ts
 * import { listDeviceGroups } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const names = listDeviceGroups({ product: 4242, name: "eu" }).pipe(
 *   Effect.map(({ groups }) => groups.map((g) => g.name))
 * )
 * ```
 *
 * @since 0.1.0
 * @category groups
 */
export const listDeviceGroups = /*#__PURE__*/ Operation.make({
  name: "listDeviceGroups",
  summary: "List the device groups of a product",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/groups" }],
  input: Schema.Struct({ product: Input.Product, name: Schema.optional(Input.NonEmpty) }),
  query: (i) => ({ name: i.name }),
  response: Operation.json(DeviceGroupList),
  errors: [ParticleError.NotFound]
})
