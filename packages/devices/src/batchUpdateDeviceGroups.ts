/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Adds and removes device groups on many product devices in one request
 * (`PUT /v1/products/:product/devices` with JSON
 * `{ action: "groups", devices: [ids], metadata: { add, remove } }`). Groups that do not exist yet are
 * created. Succeeds with nothing. particle-api-js has no such method.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: Particle rejected the request (e.g. an invalid group name).
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 *
 * @example
 * ```ts
 * import { batchUpdateDeviceGroups } from "@effect-particle/devices"
 *
 * const move = batchUpdateDeviceGroups({
 *   product: 4242,
 *   deviceIds: ["0123456789abcdef01234567", "0123456789abcdef01234568"],
 *   add: ["asia"],
 *   remove: ["europe"]
 * })
 * ```
 *
 * @since 0.1.0
 * @category products
 */
export const batchUpdateDeviceGroups = /*#__PURE__*/ Operation.make({
  name: "batchUpdateDeviceGroups",
  summary: "Add and remove groups on many product devices",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/devices" }],
  input: Schema.Struct({
    product: Input.Product,
    deviceIds: Schema.Array(Input.DeviceId).pipe(
      Schema.minItems(1, { message: () => "must hold at least one device ID" })
    ),
    add: Schema.optional(Schema.Array(Input.NonEmpty)),
    remove: Schema.optional(Schema.Array(Input.NonEmpty))
  }).pipe(
    Schema.filter((i) =>
      (i.add !== undefined && i.add.length > 0) || (i.remove !== undefined && i.remove.length > 0) ||
      { path: ["add"], message: "add or remove must name at least one group" }
    )
  ),
  body: (i) =>
    Operation.jsonBody({
      action: "groups",
      devices: i.deviceIds,
      metadata: { add: i.add ?? [], remove: i.remove ?? [] }
    }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
