/**
 * @since 0.1.0
 */
import { Pagination } from "@effect-particle/core"
import type { Customer } from "./Customer.js"
import { listCustomers } from "./listCustomers.js"

/**
 * Every customer of a product, as a lazy `Stream` over all pages of `listCustomers` (100 a page unless
 * `perPage` says otherwise); a page is requested only when the consumer needs it.
 *
 * @example
 * ```ts
 * import { streamCustomers } from "@effect-particle/products"
 * import { Stream } from "effect"
 *
 * const owners = streamCustomers({ product: 4242 }).pipe(
 *   Stream.filter((c) => (c.devices ?? []).length > 0),
 *   Stream.runCount
 * )
 * ```
 *
 * @since 0.1.0
 * @category customers
 */
export const streamCustomers: Pagination.StreamOf<typeof listCustomers, Customer> = /*#__PURE__*/ Pagination
  .stream({
    name: "streamCustomers",
    summary: "Every customer of a product, as a `Stream` over all pages",
    operation: listCustomers,
    items: (page) => page.customers,
    totalPages: (page) => page.meta.total_pages,
    perPage: 100
  })
