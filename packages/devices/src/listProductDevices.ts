/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ProductDeviceList } from "./Device.js"

/**
 * The filters of `listProductDevices` and `streamDevices` (particle-api-js names).
 *
 * - `deviceId`, `deviceName`, `serialNumber`: partial matches.
 * - `groups`: devices in any of these groups (sent comma-joined, as particle-api-js sends it).
 * - `sortAttr` (`deviceId` | `firmwareVersion` | `lastConnection`), `sortDir` (`asc` | `desc`).
 * - `quarantined`: only quarantined (or only approved) devices.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProductDeviceFilters = /*#__PURE__*/ Schema.Struct({
  product: Input.Product,
  deviceId: Schema.optional(Schema.String),
  deviceName: Schema.optional(Schema.String),
  groups: Schema.optional(Schema.Array(Input.NonEmpty)),
  sortAttr: Schema.optional(Schema.Literal("deviceId", "firmwareVersion", "lastConnection")),
  sortDir: Schema.optional(Schema.Literal("asc", "desc")),
  serialNumber: Schema.optional(Schema.String),
  quarantined: Schema.optional(Schema.Boolean)
})

/**
 * Lists one page of the devices of a product (`GET /v1/products/:product/devices`), with filters,
 * sorting and paging, as `{ devices, customers, meta: { total_pages, … } }`. This is particle-api-js's
 * `listDevices({ product, … })`.
 *
 * Options: `product` (id or slug, required), the filters of {@link ProductDeviceFilters}, `page` (from
 * 1) and `perPage` (sent as `per_page`; Particle's default is 25).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: no product with this id or slug.
 * - `Forbidden`: the token's user is not on the product's team.
 *
 * @example
 * ```ts
 * import { listProductDevices } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const europe = listProductDevices({ product: "my-fleet", groups: ["europe"], perPage: 100 }).pipe(
 *   Effect.map(({ devices, meta }) => ({ ids: devices.map((d) => d.id), pages: meta.total_pages }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const listProductDevices = /*#__PURE__*/ Operation.make({
  name: "listProductDevices",
  summary: "List one page of the devices of a product, with filters",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/devices" }],
  input: Schema.Struct({
    ...ProductDeviceFilters.fields,
    page: Schema.optional(Input.Page),
    perPage: Schema.optional(Input.PerPage)
  }),
  query: (i) => ({
    deviceId: i.deviceId,
    deviceName: i.deviceName,
    groups: i.groups !== undefined ? i.groups.join(",") : undefined,
    sortAttr: i.sortAttr,
    sortDir: i.sortDir,
    page: i.page,
    per_page: i.perPage,
    serialNumber: i.serialNumber,
    quarantined: i.quarantined
  }),
  response: Operation.json(ProductDeviceList),
  errors: [ParticleError.NotFound]
})
