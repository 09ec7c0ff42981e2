/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { OneSim } from "./internal/input.js"
import { SimActionResult } from "./Sim.js"

/**
 * Deactivates a SIM card so that it uses (and costs) no data in the months to come (`PUT` with
 * `action=deactivate`), as particle-api-js sent it until 12.0.1 removed the method. `reactivateSIM` undoes
 * it. Deactivating an inactive SIM changes nothing.
 *
 * Options: `iccid`, `product` (id or slug) for a product's SIM.
 *
 * Errors:
 * - `BadRequest`: the cloud refuses the change.
 * - `NotFound`: no SIM with this ICCID (in this product).
 * - `Forbidden`: the SIM belongs to someone else, or not on the product's team.
 * - `InvalidInput`: an ICCID that is not 19–20 digits, a bad `product`.
 *
 * @example
 * ```ts
 * import { deactivateSIM } from "@effect-particle/sims"
 *
 * const stop = deactivateSIM({ iccid: "89314404000111111111", product: 4242 })
 * ```
 *
 * @since 0.1.0
 * @category sim actions
 */
export const deactivateSIM = /*#__PURE__*/ Operation.make({
  name: "deactivateSIM",
  summary: "Deactivate a SIM card",
  method: "PUT",
  routes: Operation.scoped("/sims/{iccid}", "user", "product"),
  input: OneSim,
  body: () => Operation.jsonBody({ action: "deactivate" }),
  response: Operation.json(SimActionResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
