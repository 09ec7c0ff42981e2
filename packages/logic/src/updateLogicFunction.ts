/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Id, org } from "./internal/input.js"
import { LogicFunction, LogicFunctionChanges } from "./Logic.js"

/**
 * Updates a Logic function (`PUT /v1/logic/functions/:logicFunctionId`, or the org twin) with
 * `{ logic_function }`, as particle-api-js sends it, and answers it with its new `version` (Particle
 * documents 201). A trigger sent with its `id` is updated in place; `logic_triggers`, when given, replaces
 * the list.
 *
 * Errors: `BadRequest` (Particle's validation error, e.g. code that does not parse), `NotFound` (no such
 * function or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { updateLogicFunction } from "@effect-particle/logic"
 *
 * const pause = updateLogicFunction({ logicFunctionId: "79c1c82b-6dc5-49a1-b678-559b3e53a44d", logicFunction: { enabled: false } })
 * ```
 *
 * @since 0.1.0
 * @category functions
 */
export const updateLogicFunction = /*#__PURE__*/ Operation.make({
  name: "updateLogicFunction",
  summary: "Update a Logic function (code, triggers, enabled, …)",
  method: "PUT",
  routes: Operation.scoped("/logic/functions/{logicFunctionId}", "user", "org"),
  input: Schema.Struct({ org, logicFunctionId: Id, logicFunction: LogicFunctionChanges }),
  body: (i) => Operation.jsonBody({ logic_function: i.logicFunction }),
  response: Operation.json(Schema.pluck(Schema.Struct({ logic_function: LogicFunction }), "logic_function")),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
