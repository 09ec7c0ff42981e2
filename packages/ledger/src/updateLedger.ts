/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { LedgerName, org } from "./internal/input.js"
import { LedgerChanges, LedgerDefinition } from "./Ledger.js"

/**
 * Updates a ledger definition (`PUT /v1/ledgers/:ledgerName`, or the org twin) with `{ ledger }` as
 * particle-api-js sends it, and answers the definition (Particle documents 201).
 *
 * Options: `ledgerName`, `ledger` — `description` and `direction` change; `name` and `scope` cannot (a
 * different one is Particle's `BadRequest`).
 *
 * Errors: `NotFound` (no such ledger or org), `BadRequest` (a change Particle refuses), `InvalidInput`
 * before any request.
 *
 * @example
 * ```ts
 * import { updateLedger } from "@effect-particle/ledger"
 *
 * const describe = updateLedger({ ledgerName: "device-config", ledger: { description: "v2 settings" } })
 * ```
 *
 * @since 0.1.0
 * @category definitions
 */
export const updateLedger = /*#__PURE__*/ Operation.make({
  name: "updateLedger",
  summary: "Update a ledger definition",
  method: "PUT",
  routes: Operation.scoped("/ledgers/{ledgerName}", "user", "org"),
  input: Schema.Struct({ org, ledgerName: LedgerName, ledger: LedgerChanges }),
  body: (i) => Operation.jsonBody({ ledger: i.ledger }),
  response: Operation.json(Schema.pluck(Schema.Struct({ ledger: LedgerDefinition }), "ledger")),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
