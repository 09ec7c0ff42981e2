/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ProductConfiguration } from "./Configuration.js"

/**
 * Gets the configuration of a product (`GET /v1/products/:product/config`): the asset-tracking settings
 * every device of the fleet inherits until it overrides them, as `{ configuration: { section: {...} } }`.
 *
 * Errors:
 * - `NotFound`: no such product, or the product has no configuration (Particle answers 404 `{}`).
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a bad `product`.
 *
 * @example
 * ```ts
 * import { getProductConfiguration } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const location = getProductConfiguration({ product: 4242 }).pipe(
 *   Effect.map(({ configuration }) => configuration["location"])
 * )
 * ```
 *
 * @since 0.1.0
 * @category configuration
 */
export const getProductConfiguration = /*#__PURE__*/ Operation.make({
  name: "getProductConfiguration",
  summary: "Get the configuration of a product",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/config" }],
  input: Schema.Struct({ product: Input.Product }),
  response: Operation.json(ProductConfiguration),
  errors: [ParticleError.NotFound]
})
