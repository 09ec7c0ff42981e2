/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { LedgerName, org } from "./internal/input.js"

/**
 * Deletes a ledger instance and its version history (`DELETE /v1/ledgers/:ledgerName/instances/:scopeValue`,
 * or the org twin; Particle answers 204).
 *
 * Errors: `NotFound` (no such ledger, scope value, instance or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { deleteLedgerInstance } from "@effect-particle/ledger"
 *
 * const forget = deleteLedgerInstance({ ledgerName: "device-config", scopeValue: "0123456789abcdef01234567" })
 * ```
 *
 * @since 0.1.0
 * @category instances
 */
export const deleteLedgerInstance = /*#__PURE__*/ Operation.make({
  name: "deleteLedgerInstance",
  summary: "Delete a ledger instance",
  method: "DELETE",
  routes: Operation.scoped("/ledgers/{ledgerName}/instances/{scopeValue}", "user", "org"),
  input: Schema.Struct({ org, ledgerName: LedgerName, scopeValue: Input.NonEmpty }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
