/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FirmwareVersion, GroupName } from "./Product.js"
import { ReleasedFirmware } from "./ProductFirmware.js"

/**
 * Releases a product firmware version to the fleet (`PUT /v1/products/:product/firmware/release`, JSON
 * `{ version, product_default, groups, intelligent }` as particle-api-js sends it).
 *
 * - `productDefault: true` makes it the version every device runs unless a group or a lock says otherwise;
 *   `false` withdraws it as the default.
 * - `groups` is the whole set of groups the version is released to (absolute: a group left out loses it;
 *   `[]` withdraws it from every group). A device in several released groups gets the highest version.
 * - `intelligent` (Enterprise): devices learn about the update without reconnecting.
 *
 * Development devices and devices locked to a version (`lockDeviceProductFirmware` in
 * `@effect-particle/devices`) are not updated. Targeted devices download the version the next time they
 * connect; online ones report `spark/flash/status` and come back with the new `version` on the product
 * event stream. particle-api-js names the option `product_default`; here it is camelCase.
 *
 * Errors:
 * - `NotFound`: no such product, version, or one of `groups` does not exist in the product.
 * - `BadRequest`: Particle refused the release (e.g. the version has never run on a product device).
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput` (nothing sent): neither `productDefault` nor `groups`, a group name Particle cannot
 *   hold, a `version` that is not a positive integer.
 *
 * @example
 * ```ts
 * import { releaseProductFirmware } from "@effect-particle/products"
 *
 * const toBeta = releaseProductFirmware({ product: "my-fleet", version: 3, groups: ["beta"] })
 * const toEveryone = releaseProductFirmware({ product: "my-fleet", version: 3, productDefault: true })
 * ```
 *
 * @since 0.1.0
 * @category firmware
 */
export const releaseProductFirmware = /*#__PURE__*/ Operation.make({
  name: "releaseProductFirmware",
  summary: "Release a product firmware version as the default or to device groups",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/firmware/release" }],
  input: Schema.Struct({
    product: Input.Product,
    version: FirmwareVersion,
    productDefault: Schema.optional(Schema.Boolean),
    groups: Schema.optional(Schema.Array(GroupName)),
    intelligent: Schema.optional(Schema.Boolean)
  }).pipe(
    Schema.filter((i) =>
      i.productDefault !== undefined || i.groups !== undefined ||
      { path: ["productDefault"], message: "productDefault or groups must be given (where to release?)" }
    )
  ),
  body: (i) =>
    Operation.jsonBody({
      version: i.version,
      product_default: i.productDefault,
      groups: i.groups,
      intelligent: i.intelligent
    }),
  response: Operation.json(ReleasedFirmware),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
