/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { MbLimit } from "./internal/input.js"
import { Iccid, SimActionResult } from "./Sim.js"

/**
 * Sets a SIM card's monthly data limit (`PUT` with `mb_limit`), as particle-api-js sent it until 12.0.1
 * removed the method. A SIM whose usage this month is already above the new limit pauses
 * (`status: "inactive_data_limit_reached"`) until `reactivateSIM` raises it.
 *
 * Options: `iccid`, `mbLimit` (MB, a whole number ≥ 1, sent as `mb_limit`), `product` (id or slug).
 *
 * Errors:
 * - `BadRequest`: a limit the cloud refuses.
 * - `NotFound`: no SIM with this ICCID (in this product).
 * - `Forbidden`: the SIM belongs to someone else, or not on the product's team.
 * - `InvalidInput`: an ICCID that is not 19–20 digits, a missing `mbLimit` or one that is not a whole
 *   number ≥ 1.
 *
 * @example
 * ```ts
 * import { updateSIM } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const limited = updateSIM({ iccid: "8934076500002589174", mbLimit: 10 }).pipe(Effect.map((r) => r.sim?.mb_limit))
 * ```
 *
 * @since 0.1.0
 * @category sim actions
 */
export const updateSIM = /*#__PURE__*/ Operation.make({
  name: "updateSIM",
  summary: "Set a SIM card's monthly data limit",
  method: "PUT",
  routes: Operation.scoped("/sims/{iccid}", "user", "product"),
  input: Schema.Struct({ iccid: Iccid, mbLimit: MbLimit, product: Schema.optional(Input.Product) }),
  body: (i) => Operation.jsonBody({ mb_limit: i.mbLimit }),
  response: Operation.json(SimActionResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
