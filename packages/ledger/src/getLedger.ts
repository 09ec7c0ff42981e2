/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { LedgerName, org } from "./internal/input.js"
import { LedgerDefinition } from "./Ledger.js"

/**
 * Gets a ledger definition by name (`GET /v1/ledgers/:ledgerName`, or the org twin), archived ones included
 * (their `archived_at` is set).
 *
 * Errors:
 * - `NotFound`: no ledger of that name (or no such org).
 * - `InvalidInput`: a `ledgerName` that cannot be a ledger name, before any request.
 *
 * @example
 * ```ts
 * import { getLedger } from "@effect-particle/ledger"
 * import { Effect } from "effect"
 *
 * const scope = getLedger({ ledgerName: "device-config" }).pipe(Effect.map((l) => l.scope))
 * ```
 *
 * @since 0.1.0
 * @category definitions
 */
export const getLedger = /*#__PURE__*/ Operation.make({
  name: "getLedger",
  summary: "Get a ledger definition",
  method: "GET",
  routes: Operation.scoped("/ledgers/{ledgerName}", "user", "org"),
  input: Schema.Struct({ org, ledgerName: LedgerName }),
  response: Operation.json(Schema.pluck(Schema.Struct({ ledger: LedgerDefinition }), "ledger")),
  errors: [ParticleError.NotFound]
})
