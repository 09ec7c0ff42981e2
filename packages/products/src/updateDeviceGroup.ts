/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Color, DeviceGroupInfo } from "./DeviceGroup.js"
import { GroupName } from "./Product.js"

/**
 * Renames a device group or changes its color or description (`PUT /v1/products/:product/groups/:name`,
 * JSON with the new `name` as `newName`, `color`, `description`). Devices keep their membership through a
 * rename. Answers `{ group: {...} }`. particle-api-js has no such method.
 *
 * Errors:
 * - `NotFound`: no such product or group.
 * - `BadRequest`: the new name is taken, or Particle rejected a field.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput` (nothing sent): none of `newName`, `color`, `description`; a group name Particle cannot
 *   hold; a `color` that is not a hex color.
 *
 * @example
 * ```ts
 * import { updateDeviceGroup } from "@effect-particle/products"
 *
 * const rename = updateDeviceGroup({ product: 4242, name: "beta", newName: "field-test" })
 * ```
 *
 * @since 0.1.0
 * @category groups
 */
export const updateDeviceGroup = /*#__PURE__*/ Operation.make({
  name: "updateDeviceGroup",
  summary: "Rename a device group or change its color or description",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/groups/{name}" }],
  input: Schema.Struct({
    product: Input.Product,
    name: GroupName,
    newName: Schema.optional(GroupName),
    color: Schema.optional(Color),
    description: Schema.optional(Schema.String)
  }).pipe(
    Schema.filter((i) =>
      i.newName !== undefined || i.color !== undefined || i.description !== undefined ||
      { path: ["newName"], message: "newName, color or description must be given (there is nothing to change)" }
    )
  ),
  body: (i) => Operation.jsonBody({ name: i.newName, color: i.color, description: i.description }),
  response: Operation.json(DeviceGroupInfo),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
