/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { DeviceConfiguration } from "./Configuration.js"

/**
 * Gets the configuration of one product device (`GET /v1/products/:product/config/:deviceId`):
 * `current`, what the device runs (the product's configuration with the device's own settings on top),
 * and `pending`, what was set while it was offline and waits for it to connect.
 *
 * Errors:
 * - `NotFound`: no such product, or the device is not in it.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a `deviceId` that is not 24 hex characters, a bad `product`.
 *
 * @example
 * ```ts
 * import { getProductDeviceConfiguration } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const radius = getProductDeviceConfiguration({ product: 4242, deviceId: "0123456789abcdef01234567" }).pipe(
 *   Effect.map(({ configuration }) => (configuration.current["location"] as { radius?: number })?.radius)
 * )
 * ```
 *
 * @since 0.1.0
 * @category configuration
 */
export const getProductDeviceConfiguration = /*#__PURE__*/ Operation.make({
  name: "getProductDeviceConfiguration",
  summary: "Get the configuration of a product device",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/config/{deviceId}" }],
  input: Schema.Struct({ product: Input.Product, deviceId: Input.DeviceId }),
  response: Operation.json(DeviceConfiguration),
  errors: [ParticleError.NotFound]
})
