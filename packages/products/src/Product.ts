/**
 * Schemas of product objects (`GET /v1/products`, `GET /v1/products/:product`) and the option schemas the
 * product operations share. Field names stay as Particle sends them; unknown extra fields are tolerated.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Product settings: location tracking, known-application opt-in, quarantine of unknown devices.
 *
 * @example
 * ```ts
 * import { Product } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Product.ProductSettings)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProductSettings = /*#__PURE__*/ Schema.Struct({
  location: Schema.optional(Schema.Unknown),
  known_application: Schema.optional(Schema.Struct({ opt_in: Schema.Boolean })),
  /** Whether devices that are not imported into the product are quarantined when they connect. */
  quarantine: Schema.optional(Schema.Boolean)
})

/**
 * A product: id and slug (either addresses it in every `/v1/products/:product` route), the platform its
 * devices run on, its device groups and settings. Docs and particle-api-js differ on the optional fields,
 * so only `id`, `platform_id`, `name` and `slug` are required.
 *
 * @example
 * ```ts
 * import { Product } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Product.Product)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Product = /*#__PURE__*/ Schema.Struct({
  id: Schema.Number,
  /** 6 Photon, 12 Argon, 13 Boron, 32 P2, … (every device of a product runs on one platform). */
  platform_id: Schema.Number,
  name: Schema.String,
  slug: Schema.String,
  description: Schema.optional(Schema.NullOr(Schema.String)),
  subscription_id: Schema.optional(Schema.NullOr(Schema.Number)),
  mb_limit: Schema.optional(Schema.NullOr(Schema.Number)),
  /** The username of the product's creator. */
  user: Schema.optional(Schema.NullOr(Schema.String)),
  /** The names of the product's device groups. */
  groups: Schema.optional(Schema.Array(Schema.String)),
  settings: Schema.optional(ProductSettings),
  /** The organization's slug, for an organization product. */
  org: Schema.optional(Schema.NullOr(Schema.String)),
  organization_id: Schema.optional(Schema.NullOr(Schema.String)),
  device_protection: Schema.optional(Schema.Unknown)
})

/**
 * @example
 * ```ts
 * import type { Product } from "@effect-particle/products"
 *
 * const label = (product: Product.Product) => `${product.name} (${product.slug})`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Product = typeof Product.Type

/**
 * The answer of `listProducts`: `{ products: [...] }`.
 *
 * @example
 * ```ts
 * import { Product } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Product.ProductList)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProductList = /*#__PURE__*/ Schema.Struct({ products: Schema.Array(Product) })

/**
 * @example
 * ```ts
 * import type { Product } from "@effect-particle/products"
 *
 * const ids = (list: Product.ProductList) => list.products.map((p) => p.id)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ProductList = typeof ProductList.Type

/**
 * The answer of `getProduct`: `{ product: {...} }`.
 *
 * @example
 * ```ts
 * import { Product } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Product.ProductInfo)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProductInfo = /*#__PURE__*/ Schema.Struct({ product: Product })

/**
 * @example
 * ```ts
 * import type { Product } from "@effect-particle/products"
 *
 * const platform = (info: Product.ProductInfo) => info.product.platform_id
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ProductInfo = typeof ProductInfo.Type

/**
 * A device group name as Particle accepts it: lowercase letters, digits, `-` and `_`.
 *
 * @example
 * ```ts
 * import { Product } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const value = Schema.decodeUnknownSync(Product.GroupName)("beta")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupName = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^[a-z0-9_-]{1,128}$/, {
    message: () => "must be a device group name (lowercase letters, digits, - and _, at most 128 characters)"
  })
)

/**
 * A product firmware version: a positive integer.
 *
 * @example
 * ```ts
 * import { Product } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const value = Schema.decodeUnknownSync(Product.FirmwareVersion)(3)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const FirmwareVersion = /*#__PURE__*/ Schema.Number.pipe(
  Schema.int({ message: () => "must be a positive integer" }),
  Schema.positive({ message: () => "must be a positive integer" })
)

/**
 * An email address (a team member's or a customer's username): something, `@`, something, no spaces.
 *
 * @example
 * ```ts
 * import { Product } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const value = Schema.decodeUnknownSync(Product.Email)("ada@example.com")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Email = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^[^\s@/]+@[^\s@/]+$/, { message: () => "must be an email address" })
)
