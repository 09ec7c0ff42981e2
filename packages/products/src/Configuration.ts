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
 * @since 0.1.0
 * @category schemas
 */
export const Settings = /*#__PURE__*/ Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * @since 0.1.0
 * @category models
 */
export type Settings = typeof Settings.Type

/**
 * The answer of `getProductConfiguration`: `{ configuration: { section: {...}, … } }`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProductConfiguration = /*#__PURE__*/ Schema.Struct({ configuration: Settings })

/**
 * @since 0.1.0
 * @category models
 */
export type ProductConfiguration = typeof ProductConfiguration.Type

/**
 * The answer of `getProductDeviceConfiguration`: what the device runs (`current`: the product's settings
 * with the device's own on top) and what is waiting for the device to come online (`pending`).
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
 * @since 0.1.0
 * @category models
 */
export type DeviceConfiguration = typeof DeviceConfiguration.Type

/**
 * A JSON Schema (draft-07, `$schema: "https://particle.io/draft-07/schema#"`) describing the configuration
 * sections, as `getProductConfigurationSchema` returns it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConfigurationSchema = /*#__PURE__*/ Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * @since 0.1.0
 * @category models
 */
export type ConfigurationSchema = typeof ConfigurationSchema.Type

/**
 * A configuration to set: an object of sections, each section an object of settings.
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
