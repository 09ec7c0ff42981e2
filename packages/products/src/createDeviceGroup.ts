/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Color, DeviceGroupInfo } from "./DeviceGroup.js"
import { GroupName } from "./Product.js"

/**
 * Creates a device group in a product (`POST /v1/products/:product/groups`, JSON
 * `{ name, color, description }`); Particle answers 201 `{ group: {...} }`. Devices join it with
 * `assignDeviceGroups` (or `batchUpdateDeviceGroups` in `@effect-particle/devices`). particle-api-js has no
 * such method.
 *
 * Errors:
 * - `BadRequest`: a group of this name exists already, or Particle rejected a field.
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput` (nothing sent): a name Particle cannot hold (lowercase letters, digits, `-`, `_`), a
 *   `color` that is not a hex color, a bad `product`.
 *
 * @example
 * ```ts
 * import { createDeviceGroup } from "@effect-particle/products"
 *
 * const beta = createDeviceGroup({ product: 4242, name: "beta", color: "#e74c3c", description: "Field testers" })
 * ```
 *
 * @since 0.1.0
 * @category groups
 */
export const createDeviceGroup = /*#__PURE__*/ Operation.make({
  name: "createDeviceGroup",
  summary: "Create a device group",
  method: "POST",
  routes: [{ path: "/v1/products/{product}/groups" }],
  input: Schema.Struct({
    product: Input.Product,
    name: GroupName,
    color: Schema.optional(Color),
    description: Schema.optional(Schema.String)
  }),
  body: (i) => Operation.jsonBody({ name: i.name, color: i.color, description: i.description }),
  response: Operation.json(DeviceGroupInfo),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
