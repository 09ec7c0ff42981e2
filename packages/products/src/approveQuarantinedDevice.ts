/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Approves a quarantined device (`POST /v1/products/:product/devices`, JSON `{ id }`, the docs'
 * "Approve a quarantined device"): it leaves quarantine at once and may publish events and receive
 * firmware. It is the same request as `addDeviceToProduct({ product, deviceId })` in
 * `@effect-particle/devices`, named for the quarantine workflow. Succeeds with nothing.
 *
 * Errors:
 * - `BadRequest`: Particle rejected the id.
 * - `NotFound`: no such product.
 * - `Forbidden`: not allowed to import devices into this product.
 * - `InvalidInput`: a `deviceId` that is not 24 hex characters, a bad `product`.
 *
 * @example
 * ```ts
 * import { approveQuarantinedDevice } from "@effect-particle/products"
 *
 * const approve = approveQuarantinedDevice({ product: 4242, deviceId: "0123456789abcdef01234567" })
 * ```
 *
 * @since 0.1.0
 * @category quarantine
 */
export const approveQuarantinedDevice = /*#__PURE__*/ Operation.make({
  name: "approveQuarantinedDevice",
  summary: "Approve a quarantined device",
  method: "POST",
  routes: [{ path: "/v1/products/{product}/devices" }],
  input: Schema.Struct({ product: Input.Product, deviceId: Input.DeviceId }),
  body: (i) => Operation.jsonBody({ id: i.deviceId }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
