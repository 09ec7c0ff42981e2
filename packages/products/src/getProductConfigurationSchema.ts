/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ConfigurationSchema } from "./Configuration.js"

/**
 * Gets the JSON Schema of a product's configuration (`GET /v1/products/:product/config` with
 * `Accept: application/schema+json`, as particle-api-js asks). The header is part of this operation's
 * definition: nothing of the caller's is changed (particle-api-js writes it into the caller's `headers`).
 *
 * Errors:
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a bad `product`.
 *
 * @example
 * ```ts
 * import { getProductConfigurationSchema } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const sections = getProductConfigurationSchema({ product: 4242 }).pipe(
 *   Effect.map((schema) => Object.keys((schema["properties"] ?? {}) as object))
 * )
 * ```
 *
 * @since 0.1.0
 * @category configuration
 */
export const getProductConfigurationSchema = /*#__PURE__*/ Operation.make({
  name: "getProductConfigurationSchema",
  summary: "Get the JSON Schema of a product's configuration",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/config" }],
  input: Schema.Struct({ product: Input.Product }),
  headers: () => ({ accept: "application/schema+json" }),
  response: Operation.json(ConfigurationSchema),
  errors: [ParticleError.NotFound]
})
