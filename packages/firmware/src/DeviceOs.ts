/**
 * Schemas of the Device OS versions endpoints.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One Device OS release for one platform.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceOsVersion = /*#__PURE__*/ Schema.Struct({
  /** Semantic version, e.g. `6.2.1`. */
  version: Schema.String,
  platform_id: Schema.optional(Schema.Number),
  /** The module version Device OS reports (e.g. `6000`). */
  internal_version: Schema.optional(Schema.Number),
  module_version: Schema.optional(Schema.Number),
  /** ISO-8601 release date. */
  release_date: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface DeviceOsVersion extends Schema.Schema.Type<typeof DeviceOsVersion> {}
