/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FirmwareVersion } from "./Product.js"
import { MAX_UPLOAD_BYTES, ProductFirmware } from "./ProductFirmware.js"

/**
 * Uploads a new version of product firmware (`POST /v1/products/:product/firmware`, multipart as
 * particle-api-js sends it: the file as part `file` named `firmware.bin`, then `version`, `title`,
 * `description` and, when given, `mandatory`). Particle answers 201 with the firmware object. Uploading
 * does not release: devices get the version after `releaseProductFirmware`.
 *
 * `file` is bytes, a `Blob`/`File` (a bundle `.zip` with Asset OTA assets must be a `Blob` of type
 * `application/zip`), or on Node (with the `@effect-particle/core/node` layer) a path. `version` is a
 * positive integer not used yet in the product; `title` is required.
 *
 * Errors:
 * - `BadRequest`: the version exists already, or Particle rejected the file or a field.
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team (or not allowed to upload).
 * - `InvalidInput` (nothing sent): a `version` that is not a positive integer, an empty `title`, no
 *   `file`, a file larger than `ProductFirmware.MAX_UPLOAD_BYTES` (4 MiB; field `files.firmware.bin`) or a
 *   path that cannot be read.
 *
 * @example
 * ```ts
 * import { uploadProductFirmware } from "@effect-particle/products"
 *
 * const upload = uploadProductFirmware({
 *   product: "my-fleet",
 *   version: 3,
 *   title: "v3: faster sensor loop",
 *   file: "./target/firmware.bin" // or bytes, or a Blob
 * })
 * ```
 *
 * @since 0.1.0
 * @category firmware
 */
export const uploadProductFirmware = /*#__PURE__*/ Operation.make({
  name: "uploadProductFirmware",
  summary: "Upload a new product firmware version",
  method: "POST",
  routes: [{ path: "/v1/products/{product}/firmware" }],
  input: Schema.Struct({
    product: Input.Product,
    file: Input.FileInput,
    version: FirmwareVersion,
    title: Input.NonEmpty,
    description: Schema.optional(Schema.String),
    mandatory: Schema.optional(Schema.Boolean)
  }),
  body: (i) =>
    Operation.multipartBody([
      ...Operation.fileParts({ "firmware.bin": i.file }, { maxBytes: MAX_UPLOAD_BYTES }),
      ...Operation.fieldParts({
        version: i.version,
        title: i.title,
        description: i.description,
        mandatory: i.mandatory
      })
    ]),
  response: Operation.json(ProductFirmware),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  timeout: "2 minutes"
})
