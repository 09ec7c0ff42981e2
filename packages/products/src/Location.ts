/**
 * Schemas of device locations (asset tracking) and of the location query options: a date range and a
 * bounding box, validated before any request.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { checkDateRange, isLatLng } from "./internal/query.js"

/**
 * A GeoJSON geometry: a `Point` (`[longitude, latitude]`) for one location, a `LineString` (a list of
 * them, oldest first) for a track.
 *
 * @example
 * ```ts
 * import { Location } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Location.Geometry)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Geometry = /*#__PURE__*/ Schema.Struct({
  type: Schema.String,
  coordinates: Schema.Array(Schema.Unknown)
})

/**
 * Per-point measurements of a device location: horizontal dilution (`hd`), horizontal accuracy in meters
 * (`acc_h`), speed, temperature, and whatever else the device reports.
 *
 * @example
 * ```ts
 * import { Location } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Location.LocationProperties)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const LocationProperties = /*#__PURE__*/ Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * The location of one device: its last known position, or its track over a date range. `timestamps`
 * (ISO-8601) go with the points of `geometry`.
 *
 * @example
 * ```ts
 * import { Location } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Location.DeviceLocation)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceLocation = /*#__PURE__*/ Schema.Struct({
  device_id: Schema.String,
  product_id: Schema.optional(Schema.Number),
  device_name: Schema.optional(Schema.NullOr(Schema.String)),
  groups: Schema.optional(Schema.Array(Schema.String)),
  gps_lock: Schema.optional(Schema.Boolean),
  last_heard: Schema.optional(Schema.NullOr(Schema.String)),
  timestamps: Schema.optional(Schema.Array(Schema.String)),
  online: Schema.optional(Schema.Boolean),
  geometry: Schema.optional(Schema.NullOr(Geometry)),
  /** One entry per point (single-device answers). */
  properties: Schema.optional(Schema.Array(LocationProperties))
})

/**
 * @example
 * ```ts
 * import type { Location } from "@effect-particle/products"
 *
 * const points = (location: Location.DeviceLocation) => location.timestamps?.length ?? 0
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type DeviceLocation = typeof DeviceLocation.Type

/**
 * One page of `getProductLocations`: `{ locations, meta: { page, per_page, total_pages, devices_found } }`.
 *
 * @example
 * ```ts
 * import { Location } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Location.LocationList)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const LocationList = /*#__PURE__*/ Schema.Struct({
  locations: Schema.Array(DeviceLocation),
  meta: Schema.Struct({
    page: Schema.optional(Schema.Number),
    per_page: Schema.optional(Schema.Number),
    total_pages: Schema.Number,
    /** How many devices have a location matching the query. */
    devices_found: Schema.optional(Schema.Number)
  })
})

/**
 * @example
 * ```ts
 * import type { Location } from "@effect-particle/products"
 *
 * const found = (page: Location.LocationList) => page.meta.devices_found ?? page.locations.length
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type LocationList = typeof LocationList.Type

/**
 * The answer of `getProductDeviceLocations`: `{ location: {...}, meta }`.
 *
 * @example
 * ```ts
 * import { Location } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Location.DeviceLocationInfo)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceLocationInfo = /*#__PURE__*/ Schema.Struct({
  location: DeviceLocation,
  meta: Schema.optional(Schema.Unknown)
})

/**
 * @example
 * ```ts
 * import type { Location } from "@effect-particle/products"
 *
 * const where = (info: Location.DeviceLocationInfo) => info.location.geometry?.coordinates
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type DeviceLocationInfo = typeof DeviceLocationInfo.Type

/**
 * A date range, as particle-api-js takes it (`"start,end"`: two ISO-8601 dates separated by a comma) or as
 * two `Date`s; either way sent as `date_range=<start>,<end>`. The start must not be after the end.
 *
 * @example
 * ```ts
 * import { Location } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const march = Schema.decodeUnknownSync(Location.DateRange)("2024-03-01T00:00:00Z,2024-03-31T23:59:59Z")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const DateRange = /*#__PURE__*/ Schema.Union(
  Schema.String,
  Schema.Tuple(Schema.DateFromSelf, Schema.DateFromSelf)
).pipe(Schema.filter(checkDateRange))

/**
 * @example
 * ```ts
 * import type { Location } from "@effect-particle/products"
 *
 * const march: Location.DateRange = "2024-03-01T00:00:00Z,2024-03-31T23:59:59Z"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type DateRange = typeof DateRange.Type

/**
 * A corner of a bounding box as particle-api-js takes it: `"latitude,longitude"` in decimal degrees
 * (latitude -90…90, longitude -180…180).
 *
 * @example
 * ```ts
 * import { Location } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const bottomLeft = Schema.decodeUnknownSync(Location.Corner)("47.3,8.4")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Corner = /*#__PURE__*/ Schema.String.pipe(
  Schema.filter((s) =>
    isLatLng(s) || "must be \"latitude,longitude\" in decimal degrees (latitude -90…90, longitude -180…180)"
  )
)
