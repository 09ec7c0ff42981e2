/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Denies a quarantined device (`DELETE /v1/products/:product/devices/:deviceId`, JSON `{ deny: true }`, the
 * docs' "Deny a quarantined device", 204): it is removed from the product and cannot come back by itself.
 * It is the same request as `removeDevice({ product, deviceId, deny: true })` in `@effect-particle/devices`,
 * named for the quarantine workflow. Succeeds with nothing.
 *
 * Errors:
 * - `NotFound`: no such product, or the device is not in it.
 * - `Forbidden`: not allowed to remove devices from this product.
 * - `InvalidInput`: a `deviceId` that is not 24 hex characters, a bad `product`.
 *
 * @example
 * ```ts
 * import { denyQuarantinedDevice } from "@effect-particle/products"
 *
 * const deny = denyQuarantinedDevice({ product: 4242, deviceId: "0123456789abcdef01234567" })
 * ```
 *
 * @since 0.1.0
 * @category quarantine
 */
export const denyQuarantinedDevice = /*#__PURE__*/ Operation.make({
  name: "denyQuarantinedDevice",
  summary: "Deny a quarantined device",
  method: "DELETE",
  routes: [{ path: "/v1/products/{product}/devices/{deviceId}" }],
  input: Schema.Struct({ product: Input.Product, deviceId: Input.DeviceId }),
  body: () => Operation.jsonBody({ deny: true }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
