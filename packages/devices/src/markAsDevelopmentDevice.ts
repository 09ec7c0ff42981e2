/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { DevelopmentResult } from "./Device.js"

/**
 * Marks a product device as a development device (`development: true`, the default), which stops
 * automatic product firmware updates on it, or back (`development: false`).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: the device is not in the product, or no such product.
 * - `Forbidden`: not on the product's team.
 *
 * @example
 * ```ts
 * import { markAsDevelopmentDevice } from "@effect-particle/devices"
 *
 * const bench = markAsDevelopmentDevice({ product: 4242, deviceId: "0123456789abcdef01234567" })
 * ```
 *
 * @since 0.1.0
 * @category products
 */
export const markAsDevelopmentDevice = /*#__PURE__*/ Operation.make({
  name: "markAsDevelopmentDevice",
  summary: "Mark a product device as a development device (or not)",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/devices/{deviceId}" }],
  input: Schema.Struct({
    deviceId: Input.DeviceId,
    product: Input.Product,
    development: Schema.optional(Schema.Boolean)
  }),
  body: (i) => Operation.jsonBody({ development: i.development ?? true }),
  response: Operation.json(DevelopmentResult),
  errors: [ParticleError.NotFound]
})
