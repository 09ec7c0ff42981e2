/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Id, org } from "./internal/input.js"
import { LogicFunction } from "./Logic.js"

/**
 * Gets a Logic function with its code and triggers (`GET /v1/logic/functions/:logicFunctionId`, or the org
 * twin; `{ "logic_function": … }` unwrapped).
 *
 * Errors: `NotFound` (no such function in this sandbox or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { getLogicFunction } from "@effect-particle/logic"
 * import { Effect } from "effect"
 *
 * const next = getLogicFunction({ logicFunctionId: "79c1c82b-6dc5-49a1-b678-559b3e53a44d" }).pipe(
 *   Effect.map((f) => f.logic_triggers.flatMap((t) => (t.type === "Scheduled" ? [t.next_unscheduled_at] : [])))
 * )
 * ```
 *
 * @since 0.1.0
 * @category functions
 */
export const getLogicFunction = /*#__PURE__*/ Operation.make({
  name: "getLogicFunction",
  summary: "Get a Logic function",
  method: "GET",
  routes: Operation.scoped("/logic/functions/{logicFunctionId}", "user", "org"),
  input: Schema.Struct({ org, logicFunctionId: Id }),
  response: Operation.json(Schema.pluck(Schema.Struct({ logic_function: LogicFunction }), "logic_function")),
  errors: [ParticleError.NotFound]
})
