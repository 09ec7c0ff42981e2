/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { checkBox, cornerParam, dateRangeParam } from "./internal/query.js"
import { Corner, DateRange, DeviceLocationInfo } from "./Location.js"

/**
 * Gets the location of one product device (`GET /v1/products/:product/locations/:deviceId`, with
 * `date_range`, `rect_bl`, `rect_tr` as particle-api-js sends them), as `{ location: {...}, meta }`: its
 * last known position, or with `dateRange` its track over the range (points outside the box left out),
 * with per-point `properties` (accuracy, speed, …).
 *
 * Errors:
 * - `NotFound`: no such product, or the device is not in it.
 * - `BadRequest`: Particle rejected the query.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput` (nothing sent): a `deviceId` that is not 24 hex characters, a malformed or reversed
 *   `dateRange`, a malformed or inverted box (see `getProductLocations`).
 *
 * @example
 * ```ts
 * import { getProductDeviceLocations } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const track = getProductDeviceLocations({
 *   product: 4242,
 *   deviceId: "0123456789abcdef01234567",
 *   dateRange: "2024-03-01T00:00:00Z,2024-03-02T00:00:00Z"
 * }).pipe(Effect.map(({ location }) => location.geometry?.coordinates ?? []))
 * ```
 *
 * @since 0.1.0
 * @category locations
 */
export const getProductDeviceLocations = /*#__PURE__*/ Operation.make({
  name: "getProductDeviceLocations",
  summary: "Get the location (or track) of a product device",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/locations/{deviceId}" }],
  input: Schema.Struct({
    product: Input.Product,
    deviceId: Input.DeviceId,
    dateRange: Schema.optional(DateRange),
    rectBl: Schema.optional(Corner),
    rectTr: Schema.optional(Corner)
  }).pipe(Schema.filter(checkBox)),
  query: (i) => ({
    date_range: dateRangeParam(i.dateRange),
    rect_bl: cornerParam(i.rectBl),
    rect_tr: cornerParam(i.rectTr)
  }),
  response: Operation.json(DeviceLocationInfo),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
