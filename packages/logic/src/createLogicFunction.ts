/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { org } from "./internal/input.js"
import { LogicFunction, NewLogicFunction } from "./Logic.js"

/**
 * Creates a Logic function (`POST /v1/logic/functions`, or the org twin) with `{ logic_function }`, as
 * particle-api-js sends it, and answers it (201 `{ "logic_function": … }`, unwrapped). Its Event triggers
 * start handling events at once; its Scheduled triggers are scheduled at their next cron time.
 *
 * Options: `logicFunction` ({@link NewLogicFunction}: `name`, `source.code`, `logic_triggers`, …) and
 * `org`. Particle allows 20 functions per sandbox or org and 5 triggers per function.
 *
 * Errors: `BadRequest` (Particle's validation error: code that does not parse, a bad cron expression, an
 * unknown trigger product, too many functions), `NotFound` (no such org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { createLogicFunction } from "@effect-particle/logic"
 *
 * const create = createLogicFunction({
 *   logicFunction: {
 *     name: "forward temperature",
 *     source: {
 *       type: "JavaScript",
 *       code: "import Particle from 'particle:core'\nexport default function main({ event }) { Particle.publish('celsius', event.eventData) }"
 *     },
 *     logic_triggers: [{ type: "Event", event_name: "temperature", product_id: 4242 }]
 *   }
 * })
 * ```
 *
 * @since 0.1.0
 * @category functions
 */
export const createLogicFunction = /*#__PURE__*/ Operation.make({
  name: "createLogicFunction",
  summary: "Create a Logic function with its triggers",
  method: "POST",
  routes: Operation.scoped("/logic/functions", "user", "org"),
  input: Schema.Struct({ org, logicFunction: NewLogicFunction }),
  body: (i) => Operation.jsonBody({ logic_function: i.logicFunction }),
  response: Operation.json(Schema.pluck(Schema.Struct({ logic_function: LogicFunction }), "logic_function")),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
