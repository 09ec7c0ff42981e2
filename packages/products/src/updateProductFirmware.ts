/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FirmwareVersion } from "./Product.js"
import { ProductFirmware } from "./ProductFirmware.js"

/**
 * Edits the title, description or `mandatory` flag of a product firmware version
 * (`PUT /v1/products/:product/firmware/:version`, JSON `{ title, description }` as particle-api-js sends
 * it, plus `mandatory` when given). Answers the updated firmware object.
 *
 * Errors:
 * - `NotFound`: no such product or version.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput` (nothing sent): none of `title`, `description`, `mandatory`; an empty `title`; a bad
 *   `version` or `product`.
 *
 * @example
 * ```ts
 * import { updateProductFirmware } from "@effect-particle/products"
 *
 * const rename = updateProductFirmware({ product: 4242, version: 3, title: "v3 (field test)" })
 * ```
 *
 * @since 0.1.0
 * @category firmware
 */
export const updateProductFirmware = /*#__PURE__*/ Operation.make({
  name: "updateProductFirmware",
  summary: "Edit the title or description of a product firmware version",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/firmware/{version}" }],
  input: Schema.Struct({
    product: Input.Product,
    version: FirmwareVersion,
    title: Schema.optional(Input.NonEmpty),
    description: Schema.optional(Schema.String),
    mandatory: Schema.optional(Schema.Boolean)
  }).pipe(
    Schema.filter((i) =>
      i.title !== undefined || i.description !== undefined || i.mandatory !== undefined ||
      { path: ["title"], message: "title, description or mandatory must be given (there is nothing to change)" }
    )
  ),
  body: (i) => Operation.jsonBody({ title: i.title, description: i.description, mandatory: i.mandatory }),
  response: Operation.json(ProductFirmware),
  errors: [ParticleError.NotFound],
  idempotent: true
})
