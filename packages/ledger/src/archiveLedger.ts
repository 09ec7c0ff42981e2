/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { LedgerName, org } from "./internal/input.js"

/**
 * Archives a ledger definition (`DELETE /v1/ledgers/:ledgerName`, or the org twin; Particle answers 204).
 * The definition stays (with `archived_at` set, listed with `archived: true`), its name stays taken, and its
 * instances can no longer be set. Archiving an archived ledger succeeds again.
 *
 * Errors: `NotFound` (no such ledger or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { archiveLedger } from "@effect-particle/ledger"
 *
 * const archive = archiveLedger({ ledgerName: "device-config" })
 * ```
 *
 * @since 0.1.0
 * @category definitions
 */
export const archiveLedger = /*#__PURE__*/ Operation.make({
  name: "archiveLedger",
  summary: "Archive a ledger definition",
  method: "DELETE",
  routes: Operation.scoped("/ledgers/{ledgerName}", "user", "org"),
  input: Schema.Struct({ org, ledgerName: LedgerName }),
  response: Operation.empty,
  errors: [ParticleError.NotFound],
  idempotent: true
})
