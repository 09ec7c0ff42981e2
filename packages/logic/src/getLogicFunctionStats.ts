/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Id, org } from "./internal/input.js"
import { DayStats } from "./Logic.js"

/**
 * A Logic function's runs per day by outcome (`GET /v1/logic/functions/:logicFunctionId/stats`, or the org
 * twin; `{ "logic_function_stats": […] }` unwrapped), each day as `{ date: "YYYYMMDD", success, failure,
 * timeout }`. particle-api-js has no method for it.
 *
 * Errors: `NotFound` (no such function or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { getLogicFunctionStats } from "@effect-particle/logic"
 * import { Effect } from "effect"
 *
 * const timeouts = getLogicFunctionStats({ logicFunctionId: "79c1c82b-6dc5-49a1-b678-559b3e53a44d" }).pipe(
 *   Effect.map((days) => days.reduce((n, d) => n + d.timeout, 0))
 * )
 * ```
 *
 * @since 0.1.0
 * @category runs
 */
export const getLogicFunctionStats = /*#__PURE__*/ Operation.make({
  name: "getLogicFunctionStats",
  summary: "Get a Logic function's runs per day by outcome",
  method: "GET",
  routes: Operation.scoped("/logic/functions/{logicFunctionId}/stats", "user", "org"),
  input: Schema.Struct({ org, logicFunctionId: Id }),
  response: Operation.json(
    Schema.pluck(Schema.Struct({ logic_function_stats: Schema.Array(DayStats) }), "logic_function_stats")
  ),
  errors: [ParticleError.NotFound]
})
