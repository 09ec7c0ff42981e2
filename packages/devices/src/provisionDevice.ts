/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Device } from "./Device.js"

/**
 * Creates (self-provisions) a new device in a product (`POST /v1/devices` with JSON `{ product_id }`)
 * and answers with the device.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: no product with this id.
 * - `BadRequest`: the product does not allow self-provisioning, or the request was rejected.
 * - `Forbidden`: the token may not provision into this product.
 *
 * @example
 * ```ts
 * import { provisionDevice } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const newId = provisionDevice({ productId: 4242 }).pipe(Effect.map((d) => d.id))
 * ```
 *
 * @since 0.1.0
 * @category claiming
 */
export const provisionDevice = /*#__PURE__*/ Operation.make({
  name: "provisionDevice",
  summary: "Provision a new device into a product",
  method: "POST",
  routes: [{ path: "/v1/devices" }],
  input: Schema.Struct({
    productId: Schema.Number.pipe(
      Schema.int({ message: () => "must be a product ID (a positive integer)" }),
      Schema.positive({ message: () => "must be a product ID (a positive integer)" })
    )
  }),
  body: (i) => Operation.jsonBody({ product_id: i.productId }),
  response: Operation.json(Device),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
