/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FirmwareVersion } from "./Product.js"

/**
 * Deletes a product firmware version that has never been released
 * (`DELETE /v1/products/:product/firmware/:version`, 204). particle-api-js has no such method.
 *
 * Errors:
 * - `BadRequest`: the version is (or was) released.
 * - `NotFound`: no such product or version.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a bad `version` or `product`.
 *
 * @example
 * ```ts
 * import { deleteProductFirmware } from "@effect-particle/products"
 *
 * const drop = deleteProductFirmware({ product: 4242, version: 4 })
 * ```
 *
 * @since 0.1.0
 * @category firmware
 */
export const deleteProductFirmware = /*#__PURE__*/ Operation.make({
  name: "deleteProductFirmware",
  summary: "Delete a product firmware version that was never released",
  method: "DELETE",
  routes: [{ path: "/v1/products/{product}/firmware/{version}" }],
  input: Schema.Struct({ product: Input.Product, version: FirmwareVersion }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
