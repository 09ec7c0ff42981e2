/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ConfigurationSchema } from "./Configuration.js"

/**
 * Gets the JSON Schema of one product device's configuration
 * (`GET /v1/products/:product/config/:deviceId` with `Accept: application/schema+json`, as particle-api-js
 * asks, without touching anything of the caller's).
 *
 * Errors:
 * - `NotFound`: no such product, or the device is not in it.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a `deviceId` that is not 24 hex characters, a bad `product`.
 *
 * @example
 * ```ts
 * import { getProductDeviceConfigurationSchema } from "@effect-particle/products"
 *
 * const schema = getProductDeviceConfigurationSchema({ product: 4242, deviceId: "0123456789abcdef01234567" })
 * ```
 *
 * @since 0.1.0
 * @category configuration
 */
export const getProductDeviceConfigurationSchema = /*#__PURE__*/ Operation.make({
  name: "getProductDeviceConfigurationSchema",
  summary: "Get the JSON Schema of a product device's configuration",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/config/{deviceId}" }],
  input: Schema.Struct({ product: Input.Product, deviceId: Input.DeviceId }),
  headers: () => ({ accept: "application/schema+json" }),
  response: Operation.json(ConfigurationSchema),
  errors: [ParticleError.NotFound]
})
