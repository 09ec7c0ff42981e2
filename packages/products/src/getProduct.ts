/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ProductInfo } from "./Product.js"

/**
 * Gets one product by id or slug (`GET /v1/products/:product`), as `{ product: {...} }`.
 *
 * Errors:
 * - `NotFound`: no product with this id or slug.
 * - `Forbidden`: the token's user is not on the product's team.
 * - `InvalidInput`: a `product` that is neither a positive integer nor a slug.
 *
 * @example
 * ```ts
 * import { getProduct } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const groups = getProduct({ product: "my-fleet" }).pipe(Effect.map(({ product }) => product.groups ?? []))
 * ```
 *
 * @since 0.1.0
 * @category products
 */
export const getProduct = /*#__PURE__*/ Operation.make({
  name: "getProduct",
  summary: "Get one product",
  method: "GET",
  routes: [{ path: "/v1/products/{product}" }],
  input: Schema.Struct({ product: Input.Product }),
  response: Operation.json(ProductInfo),
  errors: [ParticleError.NotFound]
})
