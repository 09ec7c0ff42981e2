/**
 * Schemas of the Device OS versions endpoints.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One Device OS release (for one platform when asked with `platformId`).
 *
 * - `release_state`: `ga`, `preview` (a release candidate) or `archived`, as particle-cli reads it;
 * - `supported_platforms`: the platform IDs the release exists for.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceOsVersion = /*#__PURE__*/ Schema.Struct({
  /** Semantic version, e.g. `6.2.1`. */
  version: Schema.String,
  platform_id: Schema.optional(Schema.Number),
  /** The module version Device OS reports (e.g. `6201`). */
  internal_version: Schema.optional(Schema.Number),
  module_version: Schema.optional(Schema.Number),
  release_state: Schema.optional(Schema.String),
  base_url: Schema.optional(Schema.String),
  supported_platforms: Schema.optional(Schema.Array(Schema.Number)),
  /** ISO-8601 release date. */
  release_date: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface DeviceOsVersion extends Schema.Schema.Type<typeof DeviceOsVersion> {}

/**
 * One page of Device OS releases, newest first: `{ versions, meta: { page, per_page, total_pages, total } }`,
 * the envelope the Particle Cloud sends (particle-cli reads `versions`; particle-api-js 12 types it as a bare
 * array, which the cloud does not send).
 *
 * @since 0.2.0
 * @category schemas
 */
export const DeviceOsVersionList = /*#__PURE__*/ Schema.Struct({
  versions: Schema.Array(DeviceOsVersion),
  meta: Schema.Struct({
    page: Schema.optional(Schema.Number),
    per_page: Schema.optional(Schema.Number),
    total_pages: Schema.optional(Schema.Number),
    total: Schema.optional(Schema.Number)
  })
})

/**
 * @since 0.2.0
 * @category models
 */
export interface DeviceOsVersionList extends Schema.Schema.Type<typeof DeviceOsVersionList> {}
