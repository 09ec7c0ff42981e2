/**
 * Schemas of product firmware (the binaries a product's fleet runs, numbered by version) and of a release,
 * and the size limit of an upload.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The largest firmware file `uploadProductFirmware` sends: 4 MiB. A product firmware is an application
 * binary (at most 2 MB on the largest platforms, P2 / Photon 2 / M-SoM) or a bundle `.zip` of the binary and
 * its Asset OTA assets (at most 1.5 MB after compression); a larger file can never be flashed, so it is
 * refused with `InvalidInput` before anything is sent.
 *
 * @example
 * ```ts
 * import { ProductFirmware } from "@effect-particle/products"
 *
 * const fits = (bytes: Uint8Array) => bytes.byteLength <= ProductFirmware.MAX_UPLOAD_BYTES
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024

/**
 * Who uploaded a firmware version.
 *
 * @example
 * ```ts
 * import { ProductFirmware } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(ProductFirmware.UploadedBy)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const UploadedBy = /*#__PURE__*/ Schema.Struct({ username: Schema.String })

/**
 * A version of product firmware. Particle's docs and particle-api-js disagree on some names (`uploaded_on`
 * vs `uploaded_at`, `product_default` vs `current`): both spellings are optional here, and `version`,
 * `title` and `size` are required.
 *
 * @example
 * ```ts
 * import { ProductFirmware } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(ProductFirmware.ProductFirmware)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProductFirmware = /*#__PURE__*/ Schema.Struct({
  _id: Schema.optional(Schema.String),
  /** The version number the firmware was uploaded as (unique in the product). */
  version: Schema.Number,
  title: Schema.String,
  description: Schema.optional(Schema.NullOr(Schema.String)),
  /** The uploaded file's name (`firmware.bin` as particle-api-js uploads it). */
  name: Schema.optional(Schema.String),
  /** Bytes. */
  size: Schema.Number,
  /** Whether this is the version released to the whole fleet. */
  product_default: Schema.optional(Schema.Boolean),
  /** particle-api-js's name of `product_default`. */
  current: Schema.optional(Schema.Boolean),
  /** ISO-8601 upload time. */
  uploaded_on: Schema.optional(Schema.String),
  /** particle-api-js's name of `uploaded_on`. */
  uploaded_at: Schema.optional(Schema.String),
  product_id: Schema.optional(Schema.Number),
  uploaded_by: Schema.optional(Schema.NullOr(UploadedBy)),
  /** The device groups this version is released to. */
  groups: Schema.optional(Schema.Array(Schema.String)),
  /** How many product devices run this version. */
  device_count: Schema.optional(Schema.Number),
  /** Enterprise: applied before any later version when a device up- or downgrades. */
  mandatory: Schema.optional(Schema.Boolean)
})

/**
 * @example
 * ```ts
 * import type { ProductFirmware } from "@effect-particle/products"
 *
 * const isDefault = (f: ProductFirmware.ProductFirmware) => f.product_default ?? f.current ?? false
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ProductFirmware = typeof ProductFirmware.Type

/**
 * The answer of `releaseProductFirmware`: the firmware object with the release's `updated_at` and
 * `intelligent` flag.
 *
 * @example
 * ```ts
 * import { ProductFirmware } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(ProductFirmware.ReleasedFirmware)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReleasedFirmware = /*#__PURE__*/ Schema.Struct({
  ...ProductFirmware.fields,
  updated_at: Schema.optional(Schema.String),
  intelligent: Schema.optional(Schema.Boolean)
})

/**
 * @example
 * ```ts
 * import type { ProductFirmware } from "@effect-particle/products"
 *
 * const when = (release: ProductFirmware.ReleasedFirmware) => release.updated_at
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ReleasedFirmware = typeof ReleasedFirmware.Type

/**
 * The answer of `getFirmwareReleaseImpact`: how many devices a release would update, by the version they
 * run now.
 *
 * @example
 * ```ts
 * import { ProductFirmware } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(ProductFirmware.ReleaseImpact)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReleaseImpact = /*#__PURE__*/ Schema.Struct({
  devices: Schema.Struct({
    firmware_update: Schema.Struct({
      total: Schema.Number,
      by_version: Schema.Array(Schema.Struct({ version: Schema.Number, total: Schema.Number }))
    })
  })
})

/**
 * @example
 * ```ts
 * import type { ProductFirmware } from "@effect-particle/products"
 *
 * const total = (impact: ProductFirmware.ReleaseImpact) => impact.devices.firmware_update.total
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ReleaseImpact = typeof ReleaseImpact.Type
