/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { org } from "./internal/input.js"
import { LedgerDefinition, NewLedger } from "./Ledger.js"

/**
 * Creates a ledger definition (`POST /v1/ledgers`, or `/v1/orgs/:org/ledgers`), sending `{ ledger }` as
 * particle-api-js does, and answers the definition (Particle: 201 `{ "ledger": … }`, unwrapped here).
 *
 * Options: `ledger` — `name` (1 to 32 lowercase letters, digits and dashes), `scope` (`Owner`, `Product`
 * or `Device`: one instance for the owner, one per product, one per device), `direction` (`Downstream`,
 * cloud to device, Particle's default; or `Upstream`) and `description`; `org` for an organization.
 *
 * Errors:
 * - `Conflict` (409): a ledger with this name exists in the sandbox or org (archived ones included: names are
 *   unique for good).
 * - `BadRequest`: Particle's validation error (`error_description` names the field).
 * - `NotFound`: no such org, or you are not a member.
 * - `InvalidInput`: a name Particle rejects, an unknown scope or direction — before any request.
 *
 * @example
 * ```ts
 * import { createLedger } from "@effect-particle/ledger"
 *
 * const create = createLedger({
 *   ledger: { name: "device-config", scope: "Device", direction: "Downstream", description: "per-device settings" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category definitions
 */
export const createLedger = /*#__PURE__*/ Operation.make({
  name: "createLedger",
  summary: "Create a ledger definition",
  method: "POST",
  routes: Operation.scoped("/ledgers", "user", "org"),
  input: Schema.Struct({ org, ledger: NewLedger }),
  body: (i) => Operation.jsonBody({ ledger: i.ledger }),
  response: Operation.json(Schema.pluck(Schema.Struct({ ledger: LedgerDefinition }), "ledger")),
  errors: [ParticleError.BadRequest, ParticleError.NotFound, ParticleError.Conflict]
})
