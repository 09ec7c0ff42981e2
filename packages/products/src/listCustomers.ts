/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { CustomerList } from "./Customer.js"

/**
 * Lists one page of the customers of a product (`GET /v1/products/:product/customers`, `page` and
 * `per_page`), as `{ customers, devices, meta: { total_pages } }`: each customer with the ids of the devices
 * it owns, and those devices. `streamCustomers` walks every page. particle-api-js has no such method.
 *
 * Errors:
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a bad `product`, `page` or `perPage`.
 *
 * @example
 * ```ts
 * import { listCustomers } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const emails = listCustomers({ product: 4242 }).pipe(
 *   Effect.map(({ customers }) => customers.map((c) => c.username))
 * )
 * ```
 *
 * @since 0.1.0
 * @category customers
 */
export const listCustomers = /*#__PURE__*/ Operation.make({
  name: "listCustomers",
  summary: "List one page of the customers of a product",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/customers" }],
  input: Schema.Struct({
    product: Input.Product,
    page: Schema.optional(Input.Page),
    perPage: Schema.optional(Input.PerPage)
  }),
  query: (i) => ({ page: i.page, per_page: i.perPage }),
  response: Operation.json(CustomerList),
  errors: [ParticleError.NotFound]
})
