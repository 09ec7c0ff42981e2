/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { org } from "./internal/input.js"
import { LedgerList, LedgerScope } from "./Ledger.js"

/**
 * Lists one page of ledger definitions (`GET /v1/ledgers`, or the org twin) as `{ ledgers, meta }`.
 *
 * Options: `scope` (only `Owner`, `Product` or `Device` ledgers), `archived` (`true`: only archived ones,
 * `false`: only active ones; absent: both), `page` (from 1) and `perPage` (sent as `per_page`; Particle's
 * default is 100), `org`.
 *
 * Errors: `NotFound` (no such org), `BadRequest`, `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { listLedgers } from "@effect-particle/ledger"
 * import { Effect } from "effect"
 *
 * const names = listLedgers({ scope: "Device", archived: false }).pipe(
 *   Effect.map(({ ledgers }) => ledgers.map((l) => l.name))
 * )
 * ```
 *
 * @since 0.1.0
 * @category definitions
 */
export const listLedgers = /*#__PURE__*/ Operation.make({
  name: "listLedgers",
  summary: "List one page of ledger definitions",
  method: "GET",
  routes: Operation.scoped("/ledgers", "user", "org"),
  input: Schema.Struct({
    org,
    scope: Schema.optional(LedgerScope),
    archived: Schema.optional(Schema.Boolean),
    page: Schema.optional(Input.Page),
    perPage: Schema.optional(Input.PerPage)
  }),
  query: (i) => ({ scope: i.scope, page: i.page, per_page: i.perPage, archived: i.archived }),
  response: Operation.json(LedgerList),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
