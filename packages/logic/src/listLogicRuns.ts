/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Id, org } from "./internal/input.js"
import { LogicRun } from "./Logic.js"

/**
 * Lists a Logic function's recorded runs, newest first (`GET /v1/logic/functions/:logicFunctionId/runs`,
 * or the org twin; `{ "logic_runs": […] }` unwrapped). Particle keeps the last 100 runs of each function.
 * Runs started by events or schedules finish asynchronously: a run shows up here once it is done.
 *
 * Errors: `NotFound` (no such function or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { listLogicRuns } from "@effect-particle/logic"
 * import { Effect } from "effect"
 *
 * const failures = listLogicRuns({ logicFunctionId: "79c1c82b-6dc5-49a1-b678-559b3e53a44d" }).pipe(
 *   Effect.map((runs) => runs.filter((r) => r.status !== "Success"))
 * )
 * ```
 *
 * @since 0.1.0
 * @category runs
 */
export const listLogicRuns = /*#__PURE__*/ Operation.make({
  name: "listLogicRuns",
  summary: "List a Logic function's runs",
  method: "GET",
  routes: Operation.scoped("/logic/functions/{logicFunctionId}/runs", "user", "org"),
  input: Schema.Struct({ org, logicFunctionId: Id }),
  response: Operation.json(Schema.pluck(Schema.Struct({ logic_runs: Schema.Array(LogicRun) }), "logic_runs")),
  errors: [ParticleError.NotFound]
})
