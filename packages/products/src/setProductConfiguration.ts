/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ConfigurationInput } from "./Configuration.js"

/**
 * Sets configuration of a product (`PUT /v1/products/:product/config`, JSON: `config` verbatim, as
 * particle-api-js sends it). The sections given are merged into the product's configuration; every device
 * that has not overridden a setting inherits it. Particle answers 202: devices apply it when they next
 * connect. Succeeds with nothing.
 *
 * Errors:
 * - `BadRequest`: Particle rejected the configuration.
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput` (nothing sent): a `config` that is not an object of sections, each an object of settings,
 *   or that is empty.
 *
 * @example
 * ```ts
 * import { setProductConfiguration } from "@effect-particle/products"
 *
 * const slower = setProductConfiguration({ product: 4242, config: { location: { interval_min: 60 } } })
 * ```
 *
 * @since 0.1.0
 * @category configuration
 */
export const setProductConfiguration = /*#__PURE__*/ Operation.make({
  name: "setProductConfiguration",
  summary: "Set configuration of a product (inherited by its devices)",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/config" }],
  input: Schema.Struct({ product: Input.Product, config: ConfigurationInput }),
  body: (i) => Operation.jsonBody(i.config),
  response: Operation.empty,
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
