/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Id, org } from "./internal/input.js"

/**
 * Deletes a Logic function with its triggers and runs (`DELETE /v1/logic/functions/:logicFunctionId`, or
 * the org twin; Particle answers 204).
 *
 * Errors: `NotFound` (no such function or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { deleteLogicFunction } from "@effect-particle/logic"
 *
 * const remove = deleteLogicFunction({ logicFunctionId: "79c1c82b-6dc5-49a1-b678-559b3e53a44d" })
 * ```
 *
 * @since 0.1.0
 * @category functions
 */
export const deleteLogicFunction = /*#__PURE__*/ Operation.make({
  name: "deleteLogicFunction",
  summary: "Delete a Logic function",
  method: "DELETE",
  routes: Operation.scoped("/logic/functions/{logicFunctionId}", "user", "org"),
  input: Schema.Struct({ org, logicFunctionId: Id }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
