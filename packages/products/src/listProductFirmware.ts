/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ProductFirmware } from "./ProductFirmware.js"

/**
 * Lists every version of a product's firmware (`GET /v1/products/:product/firmware`), as an array: version,
 * title, size, whether it is the product default, the groups it is released to and how many devices run it.
 *
 * Errors:
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a bad `product`.
 *
 * @example
 * ```ts
 * import { listProductFirmware } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const latest = listProductFirmware({ product: 4242 }).pipe(
 *   Effect.map((versions) => Math.max(0, ...versions.map((f) => f.version)))
 * )
 * ```
 *
 * @since 0.1.0
 * @category firmware
 */
export const listProductFirmware = /*#__PURE__*/ Operation.make({
  name: "listProductFirmware",
  summary: "List the firmware versions of a product",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/firmware" }],
  input: Schema.Struct({ product: Input.Product }),
  response: Operation.json(Schema.Array(ProductFirmware)),
  errors: [ParticleError.NotFound]
})
