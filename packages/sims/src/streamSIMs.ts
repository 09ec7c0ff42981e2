/**
 * @since 0.1.0
 */
import { Pagination } from "@effect-particle/core"
import { listSIMs } from "./listSIMs.js"
import type { Sim } from "./Sim.js"

/**
 * Every SIM card of a product (or, without `product`, of the user), as a lazy `Stream` over all pages of
 * `listSIMs` (100 a page unless `perPage` says otherwise): a page is requested only when the consumer
 * needs it, and interrupting the stream stops the paging. The user's list is not paged: it is one page.
 * Takes the filters of `listSIMs`; its errors are raised when the page that fails is pulled.
 *
 * @example
 * ```ts
 * import { streamSIMs } from "@effect-particle/sims"
 * import { Stream } from "effect"
 *
 * const active = streamSIMs({ product: 4242 }).pipe(
 *   Stream.filter((s) => s.status === "active"),
 *   Stream.runCount
 * )
 * ```
 *
 * @since 0.1.0
 * @category sims
 */
export const streamSIMs: Pagination.StreamOf<typeof listSIMs, Sim> = /*#__PURE__*/ Pagination.stream({
  name: "streamSIMs",
  summary: "Every SIM card of a product (or the user), as a `Stream` over all pages",
  operation: listSIMs,
  items: (page) => page.sims,
  totalPages: (page) => page.meta?.total_pages ?? 1,
  perPage: 100
})
