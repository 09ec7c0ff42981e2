/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { checkBox, cornerParam, dateRangeParam } from "./internal/query.js"
import { Corner, DateRange, LocationList } from "./Location.js"
import { GroupName } from "./Product.js"

/**
 * The query options of `getProductLocations` and `streamProductLocations` (particle-api-js names):
 *
 * - `dateRange`: `"start,end"` (ISO-8601) or `[start, end]` as `Date`s; without it each device's last known
 *   location is returned, with it every point in the range (a `LineString` track).
 * - `rectBl`, `rectTr`: the bottom-left and top-right corners of a bounding box, `"lat,lng"`; both or neither.
 * - `deviceId`, `deviceName`: prefixes of the device id or name.
 * - `groups`: devices in any of these groups (sent as `groups[0]=…&groups[1]=…`, as particle-api-js does).
 *
 * @example
 * ```ts
 * import { LocationQuery } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const query = Schema.decodeUnknownSync(LocationQuery)({ product: 4242, rectBl: "45,5", rectTr: "48,11" })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const LocationQuery = /*#__PURE__*/ Schema.Struct({
  product: Input.Product,
  dateRange: Schema.optional(DateRange),
  rectBl: Schema.optional(Corner),
  rectTr: Schema.optional(Corner),
  deviceId: Schema.optional(Input.NonEmpty),
  deviceName: Schema.optional(Input.NonEmpty),
  groups: Schema.optional(Schema.Array(GroupName))
})

/**
 * Queries the locations of a product's devices, one page at a time (`GET /v1/products/:product/locations`,
 * with `date_range`, `rect_bl`, `rect_tr`, `device_id`, `device_name`, `groups`, `page`, `per_page` as
 * particle-api-js sends them), as `{ locations, meta: { page, per_page, total_pages, devices_found } }`.
 * Only devices with a location matching the date range and the box are listed.
 *
 * Options: the filters of {@link LocationQuery}, `page` (from 1) and `perPage` (Particle's default 20,
 * at most 100).
 *
 * Errors:
 * - `NotFound`: no such product.
 * - `BadRequest`: Particle rejected the query.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput` (nothing sent): a malformed or reversed `dateRange`; a corner that is not
 *   `"lat,lng"` in range, one corner without the other, or a bottom-left corner north or east of the
 *   top-right one; a bad group name, `page` or `perPage` (1…100).
 *
 * @example
 * ```ts
 * import { getProductLocations } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const inAlps = getProductLocations({
 *   product: 4242,
 *   dateRange: [new Date("2024-03-01T00:00:00Z"), new Date("2024-03-31T23:59:59Z")],
 *   rectBl: "45.8,5.9",
 *   rectTr: "47.8,10.5",
 *   groups: ["europe"]
 * }).pipe(Effect.map(({ locations }) => locations.map((l) => l.device_id)))
 * ```
 *
 * @since 0.1.0
 * @category locations
 */
export const getProductLocations = /*#__PURE__*/ Operation.make({
  name: "getProductLocations",
  summary: "Query the locations of a product's devices (one page)",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/locations" }],
  input: Schema.Struct({
    ...LocationQuery.fields,
    page: Schema.optional(Input.Page),
    perPage: Schema.optional(
      Input.PerPage.pipe(Schema.lessThanOrEqualTo(100, { message: () => "must be an integer from 1 to 100" }))
    )
  }).pipe(Schema.filter(checkBox)),
  query: (i) => ({
    date_range: dateRangeParam(i.dateRange),
    rect_bl: cornerParam(i.rectBl),
    rect_tr: cornerParam(i.rectTr),
    device_id: i.deviceId,
    device_name: i.deviceName,
    groups: i.groups,
    page: i.page,
    per_page: i.perPage
  }),
  response: Operation.json(LocationList),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
