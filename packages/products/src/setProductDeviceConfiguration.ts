/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ConfigurationInput } from "./Configuration.js"

/**
 * Sets configuration of one product device (`PUT /v1/products/:product/config/:deviceId`, JSON: `config`
 * verbatim, as particle-api-js sends it), overriding the product's settings for this device. An online
 * device applies it at once (Particle answers 200); for an offline one it waits as `pending` (202) until the
 * device connects — `getProductDeviceConfiguration` tells which. Succeeds with nothing.
 *
 * Errors:
 * - `BadRequest`: the device rejected some sections (`error: "device_rejected_configuration"`, the
 *   description names the failed and the applied sections).
 * - `NotFound`: no such product, or the device is not in it.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput` (nothing sent): a `deviceId` that is not 24 hex characters, a `config` that is not an
 *   object of sections, each an object of settings, or that is empty.
 *
 * @example
 * ```ts
 * import { setProductDeviceConfiguration } from "@effect-particle/products"
 *
 * const tighter = setProductDeviceConfiguration({
 *   product: 4242,
 *   deviceId: "0123456789abcdef01234567",
 *   config: { location: { radius: 5 } }
 * })
 * ```
 *
 * @since 0.1.0
 * @category configuration
 */
export const setProductDeviceConfiguration = /*#__PURE__*/ Operation.make({
  name: "setProductDeviceConfiguration",
  summary: "Set configuration of a product device (overriding the product's)",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/config/{deviceId}" }],
  input: Schema.Struct({ product: Input.Product, deviceId: Input.DeviceId, config: ConfigurationInput }),
  body: (i) => Operation.jsonBody(i.config),
  response: Operation.empty,
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
