/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FirmwareVersion } from "./Product.js"
import { ProductFirmware } from "./ProductFirmware.js"

/**
 * Gets one version of product firmware (`GET /v1/products/:product/firmware/:version`).
 *
 * Errors:
 * - `NotFound`: no such product, or no such version in it.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a `version` that is not a positive integer, a bad `product`.
 *
 * @example
 * ```ts
 * import { getProductFirmware } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const running = getProductFirmware({ product: 4242, version: 3 }).pipe(Effect.map((f) => f.device_count))
 * ```
 *
 * @since 0.1.0
 * @category firmware
 */
export const getProductFirmware = /*#__PURE__*/ Operation.make({
  name: "getProductFirmware",
  summary: "Get one product firmware version",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/firmware/{version}" }],
  input: Schema.Struct({ product: Input.Product, version: FirmwareVersion }),
  response: Operation.json(ProductFirmware),
  errors: [ParticleError.NotFound]
})
