/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FleetDataUsage } from "./Sim.js"

/**
 * Gets the data every SIM card of a product used this billing period: `total_mbs_used`,
 * `total_active_sim_cards` and `usage_by_day`.
 *
 * Options: `product` (id or slug, required).
 *
 * Errors:
 * - `NotFound`: no product with this id or slug.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a missing or bad `product`.
 *
 * @example
 * ```ts
 * import { getFleetDataUsage } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const perSim = getFleetDataUsage({ product: "my-fleet" }).pipe(
 *   Effect.map((u) => u.total_mbs_used / Math.max(1, u.total_active_sim_cards))
 * )
 * ```
 *
 * @since 0.1.0
 * @category data usage
 */
export const getFleetDataUsage = /*#__PURE__*/ Operation.make({
  name: "getFleetDataUsage",
  summary: "Get the data usage of every SIM card of a product",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/sims/data_usage" }],
  input: Schema.Struct({ product: Input.Product }),
  response: Operation.json(FleetDataUsage),
  errors: [ParticleError.NotFound]
})
