/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Id, org } from "./internal/input.js"
import { RunLogs } from "./Logic.js"

/**
 * Gets the logs of one run (`GET /v1/logic/functions/:logicFunctionId/runs/:logicRunId/logs`, or the org
 * twin) as an array of `{ level, timestamp, args }`: what the function passed to `console.log`, `warn`,
 * `error`, and for a failed or timed-out run the error.
 *
 * Errors: `NotFound` (no such run, function or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { getLogicRunLogs } from "@effect-particle/logic"
 * import { Effect } from "effect"
 *
 * const lines = getLogicRunLogs({
 *   logicFunctionId: "79c1c82b-6dc5-49a1-b678-559b3e53a44d",
 *   logicRunId: "f1540276-63df-44a7-9f1b-b0dfec9640ea"
 * }).pipe(Effect.map((logs) => logs.map((l) => `${l.level}: ${l.args.join(" ")}`)))
 * ```
 *
 * @since 0.1.0
 * @category runs
 */
export const getLogicRunLogs = /*#__PURE__*/ Operation.make({
  name: "getLogicRunLogs",
  summary: "Get the logs of one run of a Logic function",
  method: "GET",
  routes: Operation.scoped("/logic/functions/{logicFunctionId}/runs/{logicRunId}/logs", "user", "org"),
  input: Schema.Struct({ org, logicFunctionId: Id, logicRunId: Id }),
  response: Operation.json(RunLogs),
  errors: [ParticleError.NotFound]
})
