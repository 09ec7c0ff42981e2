/**
 * @since 0.1.0
 */
import { Pagination } from "@effect-particle/core"
import type { LedgerDefinition } from "./Ledger.js"
import { listLedgers } from "./listLedgers.js"

/**
 * Every ledger definition, as a lazy `Stream` over all pages of `listLedgers` (100 a page unless `perPage`
 * says otherwise): a page is requested when the consumer needs it. Takes the filters of `listLedgers`.
 *
 * @example
 * ```ts
 * import { streamLedgers } from "@effect-particle/ledger"
 * import { Stream } from "effect"
 *
 * const archived = streamLedgers({ archived: true }).pipe(Stream.runCollect)
 * ```
 *
 * @since 0.1.0
 * @category definitions
 */
export const streamLedgers: Pagination.StreamOf<typeof listLedgers, LedgerDefinition> = /*#__PURE__*/ Pagination.stream(
  {
    name: "streamLedgers",
    summary: "Every ledger definition, as a `Stream` over all pages",
    operation: listLedgers,
    items: (page) => page.ledgers,
    totalPages: (page) => page.meta.total_pages,
    perPage: 100
  }
)
