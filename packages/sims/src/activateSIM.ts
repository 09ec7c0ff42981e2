/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Country } from "./internal/input.js"
import { Iccid, SimActionResult } from "./Sim.js"

/**
 * Activates a SIM card of the user (`PUT /v1/sims/:iccid` with `action=activate`), as particle-api-js sent
 * it until 12.0.1 removed the method (the Cloud API still has the action). A product's SIMs are activated
 * by importing them into the product: `importSIMs`. Activating an active SIM changes nothing.
 *
 * Options: `iccid`, `country` (ISO code, e.g. `US`), `promoCode` (deprecated by Particle, sent when given).
 *
 * Errors:
 * - `BadRequest`: a product SIM (use `importSIMs`), or a SIM paused at its data limit (use
 *   `reactivateSIM` with a higher `mbLimit`).
 * - `NotFound`: no SIM with this ICCID.
 * - `Forbidden`: the SIM belongs to someone else.
 * - `InvalidInput`: an ICCID that is not 19–20 digits, a bad `country`.
 *
 * @example
 * ```ts
 * import { activateSIM } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const status = activateSIM({ iccid: "8934076500002589174", country: "US" }).pipe(Effect.map((r) => r.sim?.status))
 * ```
 *
 * @since 0.1.0
 * @category sim actions
 */
export const activateSIM = /*#__PURE__*/ Operation.make({
  name: "activateSIM",
  summary: "Activate a SIM card of the user",
  method: "PUT",
  routes: [{ path: "/v1/sims/{iccid}" }],
  input: Schema.Struct({ iccid: Iccid, country: Schema.optional(Country), promoCode: Schema.optional(Schema.String) }),
  body: (i) => Operation.jsonBody({ country: i.country, promoCode: i.promoCode, action: "activate" }),
  response: Operation.json(SimActionResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
