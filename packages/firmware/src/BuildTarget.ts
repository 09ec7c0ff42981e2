/**
 * Schemas of the build targets endpoint: the Device OS versions the cloud compiler can build against.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One Device OS version the cloud compiler offers.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BuildTarget = /*#__PURE__*/ Schema.Struct({
  /** Device OS version, e.g. `6.2.1`. */
  version: Schema.String,
  /** Platform ids this version builds for. */
  platforms: Schema.Array(Schema.Number),
  /** Platform ids for which this version is a prerelease. */
  prereleases: Schema.Array(Schema.Number),
  firmware_vendor: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface BuildTarget extends Schema.Schema.Type<typeof BuildTarget> {}

/**
 * The answer of `GET /v1/build_targets`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BuildTargets = /*#__PURE__*/ Schema.Struct({
  targets: Schema.Array(BuildTarget),
  /** Platform names to platform ids, e.g. `{ "Photon": 6, "Boron": 13 }`. */
  platforms: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Number })),
  /** Platform id (as a string key) to the default Device OS version for new builds. */
  default_versions: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface BuildTargets extends Schema.Schema.Type<typeof BuildTargets> {}
