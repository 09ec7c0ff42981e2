/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FirmwareVersion } from "./Product.js"

/**
 * Downloads the binary of a product firmware version as uploaded
 * (`GET /v1/products/:product/firmware/:version/binary`), as bytes.
 *
 * Errors:
 * - `NotFound`: no such product or version.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a bad `version` or `product`.
 *
 * @example
 * ```ts
 * import { downloadProductFirmware } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const size = downloadProductFirmware({ product: 4242, version: 3 }).pipe(Effect.map((bytes) => bytes.byteLength))
 * ```
 *
 * @since 0.1.0
 * @category firmware
 */
export const downloadProductFirmware = /*#__PURE__*/ Operation.make({
  name: "downloadProductFirmware",
  summary: "Download the binary of a product firmware version",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/firmware/{version}/binary" }],
  input: Schema.Struct({ product: Input.Product, version: FirmwareVersion }),
  response: Operation.bytes,
  errors: [ParticleError.NotFound],
  timeout: "2 minutes"
})
