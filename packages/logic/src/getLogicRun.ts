/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Id, org } from "./internal/input.js"
import { LogicRun } from "./Logic.js"

/**
 * Gets one run of a Logic function (`GET /v1/logic/functions/:logicFunctionId/runs/:logicRunId`, or the org
 * twin; `{ "logic_run": … }` unwrapped): its trigger, status and times.
 *
 * Errors: `NotFound` (no such run, function or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { getLogicRun } from "@effect-particle/logic"
 *
 * const run = getLogicRun({ logicFunctionId: "79c1c82b-6dc5-49a1-b678-559b3e53a44d", logicRunId: "f1540276-63df-44a7-9f1b-b0dfec9640ea" })
 * ```
 *
 * @since 0.1.0
 * @category runs
 */
export const getLogicRun = /*#__PURE__*/ Operation.make({
  name: "getLogicRun",
  summary: "Get one run of a Logic function",
  method: "GET",
  routes: Operation.scoped("/logic/functions/{logicFunctionId}/runs/{logicRunId}", "user", "org"),
  input: Schema.Struct({ org, logicFunctionId: Id, logicRunId: Id }),
  response: Operation.json(Schema.pluck(Schema.Struct({ logic_run: LogicRun }), "logic_run")),
  errors: [ParticleError.NotFound]
})
