/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { OneSim } from "./internal/input.js"
import { SimStatus } from "./Sim.js"

/**
 * Asks the carrier whether a SIM card is connected (`GET /v1/sims/:iccid/status`, answered 202): the
 * check is asynchronous, so `sim_status` (`connected`, `gsm_connection`, `data_connection`) is `null`
 * until `meta.state` is `complete`; call again after `meta.check_again_after`.
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
 * import { getSIMStatus } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const online = getSIMStatus({ iccid: "8934076500002589174" }).pipe(
 *   Effect.map((s) => (s.meta.state === "complete" ? s.sim_status.connected : undefined))
 * )
 * ```
 *
 * @since 0.1.0
 * @category sims
 */
export const getSIMStatus = /*#__PURE__*/ Operation.make({
  name: "getSIMStatus",
  summary: "Ask the carrier whether a SIM card is connected",
  method: "GET",
  routes: Operation.scoped("/sims/{iccid}/status", "user", "product"),
  input: OneSim,
  response: Operation.json(SimStatus),
  errors: [ParticleError.NotFound]
})
