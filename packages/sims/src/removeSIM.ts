/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { OneSim } from "./internal/input.js"

/**
 * Releases a SIM card from the account (or the product), so that another account can activate it.
 * Particle answers 204, or 202 while the release is pending; both are success.
 *
 * Options: `iccid`, `product` (id or slug) for a product's SIM.
 *
 * Errors:
 * - `NotFound`: no SIM with this ICCID (in this product), e.g. already released.
 * - `Forbidden`: the SIM belongs to someone else, or not on the product's team.
 * - `InvalidInput`: an ICCID that is not 19–20 digits, a bad `product`.
 *
 * @example
 * ```ts
 * import { removeSIM } from "@effect-particle/sims"
 *
 * const release = removeSIM({ iccid: "89314404000111111111", product: 4242 })
 * ```
 *
 * @since 0.1.0
 * @category sims
 */
export const removeSIM = /*#__PURE__*/ Operation.make({
  name: "removeSIM",
  summary: "Release a SIM card from the account or product",
  method: "DELETE",
  routes: Operation.scoped("/sims/{iccid}", "user", "product"),
  input: OneSim,
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
