/**
 * Schemas of asset-tracking configuration: the settings of a product (its fleet's defaults) and of each
 * device (the product's settings, overridden section by section), and their JSON Schema.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Configuration values by section (`location`, `imu_trig`, `rgb`, … and the product's own sections), each
 * section an object of settings.
 *
 * @example
 * ```ts
 * import { Configuration } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Configuration.Settings)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Settings = /*#__PURE__*/ Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * @example
 * ```ts
 * import type { Configuration } from "@effect-particle/products"
 *
 * const sections = (settings: Configuration.Settings) => Object.keys(settings)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Settings = typeof Settings.Type

/**
 * The answer of `getProductConfiguration`: `{ configuration: { section: {...}, … } }`.
 *
 * @example
 * ```ts
 * import { Configuration } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Configuration.ProductConfiguration)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProductConfiguration = /*#__PURE__*/ Schema.Struct({ configuration: Settings })

/**
 * @example
 * ```ts
 * import type { Configuration } from "@effect-particle/products"
 *
 * const location = (c: Configuration.ProductConfiguration) => c.configuration["location"]
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ProductConfiguration = typeof ProductConfiguration.Type

/**
 * The answer of `getProductDeviceConfiguration`: what the device runs (`current`: the product's settings
 * with the device's own on top) and what is waiting for the device to come online (`pending`).
 *
 * @example
 * ```ts
 * import { Configuration } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Configuration.DeviceConfiguration)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceConfiguration = /*#__PURE__*/ Schema.Struct({
  configuration: Schema.Struct({
    current: Settings,
    pending: Schema.optional(Settings)
  })
})

/**
 * @example
 * ```ts
 * import type { Configuration } from "@effect-particle/products"
 *
 * const waiting = (c: Configuration.DeviceConfiguration) => Object.keys(c.configuration.pending ?? {}).length > 0
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type DeviceConfiguration = typeof DeviceConfiguration.Type

/**
 * A JSON Schema (draft-07, `$schema: "https://particle.io/draft-07/schema#"`) describing the configuration
 * sections, as `getProductConfigurationSchema` returns it.
 *
 * @example
 * ```ts
 * import { Configuration } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Configuration.ConfigurationSchema)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConfigurationSchema = /*#__PURE__*/ Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * @example
 * ```ts
 * import type { Configuration } from "@effect-particle/products"
 *
 * const sections = (schema: Configuration.ConfigurationSchema) => Object.keys((schema["properties"] ?? {}) as object)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ConfigurationSchema = typeof ConfigurationSchema.Type

/**
 * A configuration to set: an object of sections, each section an object of settings.
 *
 * @example
 * ```ts
 * import { Configuration } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const value = Schema.decodeUnknownSync(Configuration.ConfigurationInput)({ location: { radius: 5 } })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConfigurationInput = /*#__PURE__*/ Schema.Record({
  key: Schema.String,
  value: Schema.Record({ key: Schema.String, value: Schema.Unknown })
}).pipe(
  Schema.filter((config) => Object.keys(config).length > 0 || "must hold at least one configuration section")
)
