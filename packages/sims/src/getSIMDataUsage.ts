/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { OneSim } from "./internal/input.js"
import { SimDataUsage } from "./Sim.js"

/**
 * Gets the data one SIM card used this billing period, day by day (`usage_by_day`: `date`, `mbs_used`,
 * `mbs_used_cumulative`, in MB).
 *
 * Options: `iccid`, `product` (id or slug) for a product's SIM.
 *
 * Errors:
 * - `NotFound`: no SIM with this ICCID (in this product).
 * - `Forbidden`: the SIM belongs to someone else, or not on the product's team.
 * - `InvalidInput`: an ICCID that is not 19–20 digits, a bad `product`.
 *
 * @example
 * ```ts
 * import { getSIMDataUsage } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const usedMb = getSIMDataUsage({ iccid: "8934076500002589174" }).pipe(
 *   Effect.map((u) => u.usage_by_day.at(-1)?.mbs_used_cumulative ?? 0)
 * )
 * ```
 *
 * @since 0.1.0
 * @category data usage
 */
export const getSIMDataUsage = /*#__PURE__*/ Operation.make({
  name: "getSIMDataUsage",
  summary: "Get one SIM card's data usage this billing period",
  method: "GET",
  routes: Operation.scoped("/sims/{iccid}/data_usage", "user", "product"),
  input: OneSim,
  response: Operation.json(SimDataUsage),
  errors: [ParticleError.NotFound]
})
