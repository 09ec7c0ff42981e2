/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { OneSim } from "./internal/input.js"
import { SimEnvelope } from "./Sim.js"

/**
 * Gets one SIM card: its status, data limit, carrier, the device it is in, activation history.
 *
 * Options: `iccid` (19–20 digits), `product` (id or slug) for a product's SIM.
 *
 * Errors:
 * - `NotFound`: no SIM with this ICCID (in this product).
 * - `Forbidden`: the SIM belongs to someone else, or not on the product's team.
 * - `InvalidInput`: an ICCID that is not 19–20 digits, a bad `product`.
 *
 * @example
 * ```ts
 * import { getSIM } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const limit = getSIM({ iccid: "8934076500002589174" }).pipe(Effect.map((sim) => sim.mb_limit))
 * ```
 *
 * @since 0.1.0
 * @category sims
 */
export const getSIM = /*#__PURE__*/ Operation.make({
  name: "getSIM",
  summary: "Get one SIM card",
  method: "GET",
  routes: Operation.scoped("/sims/{iccid}", "user", "product"),
  input: OneSim,
  response: Operation.json(SimEnvelope),
  errors: [ParticleError.NotFound]
})
