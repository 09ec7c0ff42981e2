/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { DeviceGroupAssignment } from "./DeviceGroup.js"
import { GroupName } from "./Product.js"

/**
 * Sets the groups of one product device (`PUT /v1/products/:product/devices/:deviceId`, JSON
 * `{ groups: [...] }`): absolute, the device ends up in exactly these groups (`[]` takes it out of all);
 * a group that does not exist yet is created. Answers `{ id, groups, updated_at }`. The groups then show in
 * `listProductDevices` (and filter it). For many devices at once, see `batchUpdateDeviceGroups` in
 * `@effect-particle/devices`. particle-api-js has no such method.
 *
 * Errors:
 * - `NotFound`: no such product, or the device is not in it.
 * - `BadRequest`: Particle rejected a group name.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput` (nothing sent): a `deviceId` that is not 24 hex characters, a group name Particle cannot
 *   hold, a bad `product`.
 *
 * @example
 * ```ts
 * import { assignDeviceGroups } from "@effect-particle/products"
 *
 * const move = assignDeviceGroups({ product: 4242, deviceId: "0123456789abcdef01234567", groups: ["europe", "beta"] })
 * ```
 *
 * @since 0.1.0
 * @category groups
 */
export const assignDeviceGroups = /*#__PURE__*/ Operation.make({
  name: "assignDeviceGroups",
  summary: "Set the device groups of a product device",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/devices/{deviceId}" }],
  input: Schema.Struct({ product: Input.Product, deviceId: Input.DeviceId, groups: Schema.Array(GroupName) }),
  body: (i) => Operation.jsonBody({ groups: i.groups }),
  response: Operation.json(DeviceGroupAssignment),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
