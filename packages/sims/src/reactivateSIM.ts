/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { MbLimit } from "./internal/input.js"
import { Iccid, SimActionResult } from "./Sim.js"

/**
 * Reactivates a deactivated SIM card, or unpauses one that went over its data limit (`PUT` with
 * `action=reactivate` and `mb_limit`), as particle-api-js sent it until 12.0.1 removed the method.
 * Unpausing needs an `mbLimit` above what the SIM used this month.
 *
 * Options: `iccid`, `mbLimit` (the new monthly limit in MB, sent as `mb_limit`), `product` (id or slug).
 *
 * Errors:
 * - `BadRequest`: a paused SIM without a limit above its usage, or a limit the cloud refuses.
 * - `NotFound`: no SIM with this ICCID (in this product).
 * - `Forbidden`: the SIM belongs to someone else, or not on the product's team.
 * - `InvalidInput`: an ICCID that is not 19–20 digits, an `mbLimit` that is not a whole number ≥ 1.
 *
 * @example
 * ```ts
 * import { getSIMDataUsage, reactivateSIM } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const iccid = "8934076500002589174"
 * // unpause with twice what it used so far
 * const unpause = getSIMDataUsage({ iccid }).pipe(
 *   Effect.map((u) => u.usage_by_day.at(-1)?.mbs_used_cumulative ?? 1),
 *   Effect.flatMap((used) => reactivateSIM({ iccid, mbLimit: Math.ceil(used * 2) }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category sim actions
 */
export const reactivateSIM = /*#__PURE__*/ Operation.make({
  name: "reactivateSIM",
  summary: "Reactivate a SIM card, or unpause one over its data limit",
  method: "PUT",
  routes: Operation.scoped("/sims/{iccid}", "user", "product"),
  input: Schema.Struct({ iccid: Iccid, mbLimit: Schema.optional(MbLimit), product: Schema.optional(Input.Product) }),
  body: (i) => Operation.jsonBody({ mb_limit: i.mbLimit, action: "reactivate" }),
  response: Operation.json(SimActionResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
