/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { org } from "./internal/input.js"
import { ExecuteResult, LogicExecution } from "./Logic.js"

/**
 * Runs code once (`POST /v1/logic/execute`, or `/v1/orgs/:org/logic/execute`) with an event you describe,
 * and answers the outcome and the logs (`{ "result": … }`, unwrapped here): `Success`, or `Exception` with
 * `err`. No run is recorded. What the code does happens for real: `Particle.publish` publishes,
 * `Particle.ledger(…).set` writes.
 *
 * Options: `logic` — sent as is, as particle-api-js sends it: `source.code`, and `event` with
 * `event_name`, `event_data`, `device_id`, `product_id`, `user_id` (the function sees them as
 * `context.event.eventName`, …), `secrets`, `use_env`; and `org`.
 *
 * Errors: `BadRequest` (Particle's validation error), `NotFound` (no such org), `InvalidInput` before any
 * request. Code that throws, does not parse or runs too long is not an error of this call: it is the
 * `Exception` (or `Timeout`) result.
 *
 * @example
 * ```ts
 * import { executeLogic } from "@effect-particle/logic"
 * import { Effect } from "effect"
 *
 * const result = executeLogic({
 *   logic: {
 *     source: { type: "JavaScript", code: "export default function main({ event }) { console.log(event.eventData) }" },
 *     event: { event_name: "temperature", event_data: "21.5", device_id: "0123456789abcdef01234567" }
 *   }
 * }).pipe(Effect.map((r) => [r.status, r.logs.map((l) => l.args)]))
 * ```
 *
 * @since 0.1.0
 * @category functions
 */
export const executeLogic = /*#__PURE__*/ Operation.make({
  name: "executeLogic",
  summary: "Run code once with an event and get its outcome and logs (no run is recorded)",
  method: "POST",
  routes: Operation.scoped("/logic/execute", "user", "org"),
  input: Schema.Struct({ org, logic: LogicExecution }),
  body: (i) => Operation.jsonBody(i.logic),
  response: Operation.json(Schema.pluck(Schema.Struct({ result: ExecuteResult }), "result")),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
