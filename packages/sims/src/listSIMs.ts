/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { SimList } from "./Sim.js"

const productOnly = ["iccid", "deviceId", "deviceName"] as const

/**
 * Lists SIM cards: the user's own (`GET /v1/sims`, all at once), or one page of a product's
 * (`GET /v1/products/:product/sims`) with filters, as `{ sims, meta? }` (`meta` on product lists:
 * `page`, `per_page`, `total_pages`, `total`). `streamSIMs` walks every page.
 *
 * Options (particle-api-js names): `product` (id or slug); with `product` only: the filters `iccid`,
 * `deviceId`, `deviceName` (partial matches), and `page`, `perPage` (sent as `per_page`; Particle's default
 * is 25). The user's list is not paged: there `page` and `perPage` are not sent (as particle-api-js does).
 *
 * Errors:
 * - `NotFound`: no product with this id or slug.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a bad `product`, `page` or `perPage`, or a filter without `product` (particle-api-js
 *   silently drops it).
 *
 * @example
 * ```ts
 * import { listSIMs } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const mine = listSIMs().pipe(Effect.map(({ sims }) => sims.map((s) => `${s.iccid} ${s.status}`)))
 * const fleet = listSIMs({ product: "my-fleet", deviceName: "truck", perPage: 50 })
 * ```
 *
 * @since 0.1.0
 * @category sims
 */
export const listSIMs = /*#__PURE__*/ Operation.make({
  name: "listSIMs",
  summary: "List the user's SIM cards, or one page of a product's",
  method: "GET",
  routes: Operation.scoped("/sims", "user", "product"),
  input: Schema.Struct({
    product: Schema.optional(Input.Product),
    iccid: Schema.optional(Input.NonEmpty),
    deviceId: Schema.optional(Input.NonEmpty),
    deviceName: Schema.optional(Input.NonEmpty),
    page: Schema.optional(Input.Page),
    perPage: Schema.optional(Input.PerPage)
  }).pipe(Schema.filter((o) => {
    if (o.product !== undefined) return undefined
    const field = productOnly.find((k) => o[k] !== undefined)
    return field === undefined
      ? undefined
      : { path: [field], message: `${field} filters a product's SIMs: it needs product` }
  })),
  query: (i) =>
    i.product === undefined ? {} : {
      iccid: i.iccid,
      deviceId: i.deviceId,
      deviceName: i.deviceName,
      page: i.page,
      per_page: i.perPage
    },
  response: Operation.json(SimList),
  errors: [ParticleError.NotFound]
})
