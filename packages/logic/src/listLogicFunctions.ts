/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { org } from "./internal/input.js"
import { LogicFunction } from "./Logic.js"

/**
 * Lists the Logic functions of your sandbox or an org (`GET /v1/logic/functions`, or the org twin), as an
 * array (`{ "logic_functions": […] }` unwrapped). `todayStats: true` (sent as `today_stats=true`) adds each
 * function's `today_stats`: today's runs by outcome.
 *
 * Errors: `NotFound` (no such org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { listLogicFunctions } from "@effect-particle/logic"
 * import { Effect } from "effect"
 *
 * const failing = listLogicFunctions({ todayStats: true }).pipe(
 *   Effect.map((fns) => fns.filter((f) => (f.today_stats?.failure ?? 0) > 0).map((f) => f.name))
 * )
 * ```
 *
 * @since 0.1.0
 * @category functions
 */
export const listLogicFunctions = /*#__PURE__*/ Operation.make({
  name: "listLogicFunctions",
  summary: "List the Logic functions of your sandbox or an org (optionally with today's stats)",
  method: "GET",
  routes: Operation.scoped("/logic/functions", "user", "org"),
  input: Schema.Struct({ org, todayStats: Schema.optional(Schema.Boolean) }),
  query: (i) => ({ today_stats: i.todayStats }),
  response: Operation.json(
    Schema.pluck(Schema.Struct({ logic_functions: Schema.Array(LogicFunction) }), "logic_functions")
  ),
  errors: [ParticleError.NotFound]
})
