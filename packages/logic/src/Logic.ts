/**
 * Schemas of Logic functions, their triggers (event and scheduled), runs, run logs and statistics, and of the
 * objects `createLogicFunction`, `updateLogicFunction` and `executeLogic` send. Field names stay as Particle
 * sends them; unknown extra fields are tolerated (and kept in what you send).
 *
 * @since 0.1.0
 */
import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/** Extra fields of an object sent as is, as particle-api-js sends the objects it is given. */
const rest = /*#__PURE__*/ Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * A function's code: `{ type: "JavaScript", code }`, an ES module whose default export is called with the
 * context (`export default function main({ event }) { … }`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LogicSource = /*#__PURE__*/ Schema.Struct({ type: Schema.String, code: Schema.String })

/**
 * A trigger that runs the function when a matching event is published (in `product_id`'s product, when
 * set). particle-cli's listings call the event `event_name`; particle-api-js's types call it `event`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EventTrigger = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  type: Schema.Literal("Event"),
  logic_function_id: Schema.optional(Schema.String),
  enabled: Schema.Boolean,
  version: Schema.optional(Schema.Number),
  event_name: Schema.optional(Schema.String),
  event: Schema.optional(Schema.String),
  product_id: Schema.optional(Schema.NullOr(Schema.Number))
})

/**
 * A trigger that runs the function on a cron schedule (UTC) between `start_at` and `end_at`;
 * `last_scheduled_at` is the last time it fired, `next_unscheduled_at` the next.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ScheduledTrigger = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  type: Schema.Literal("Scheduled"),
  logic_function_id: Schema.optional(Schema.String),
  enabled: Schema.Boolean,
  version: Schema.optional(Schema.Number),
  cron: Schema.String,
  start_at: Schema.optional(Schema.NullOr(Schema.String)),
  end_at: Schema.optional(Schema.NullOr(Schema.String)),
  last_scheduled_at: Schema.optional(Schema.NullOr(Schema.String)),
  next_unscheduled_at: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * A trigger that runs the function when a ledger changes (the context's `ledgerChange`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerChangeTrigger = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  type: Schema.Literal("LedgerChange"),
  logic_function_id: Schema.optional(Schema.String),
  enabled: Schema.Boolean,
  version: Schema.optional(Schema.Number)
})

/**
 * A trigger, told apart by `type`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LogicTrigger = /*#__PURE__*/ Schema.Union(EventTrigger, ScheduledTrigger, LedgerChangeTrigger)

/**
 * @since 0.1.0
 * @category models
 */
export type LogicTrigger = typeof LogicTrigger.Type

/**
 * Runs of one day by outcome.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RunCounts = /*#__PURE__*/ Schema.Struct({
  success: Schema.Number,
  failure: Schema.Number,
  timeout: Schema.Number
})

/**
 * A Logic function: its code, triggers, version (one more at every update) and, when listed with
 * `todayStats: true`, today's run counts.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LogicFunction = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  /** `user:<id>` (a sandbox) or the org. */
  owner_id: Schema.String,
  version: Schema.Number,
  enabled: Schema.Boolean,
  name: Schema.String,
  description: Schema.optionalWith(Schema.String, { default: () => "" }),
  template_slug: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  source: LogicSource,
  created_at: Schema.String,
  updated_at: Schema.String,
  created_by: Schema.optional(Schema.String),
  updated_by: Schema.optional(Schema.String),
  logic_triggers: Schema.optionalWith(Schema.Array(LogicTrigger), { default: () => [] }),
  today_stats: Schema.optional(RunCounts),
  org_slug: Schema.optional(Schema.String),
  api_username: Schema.optional(Schema.NullOr(Schema.String)),
  secrets: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
  use_env: Schema.optional(Schema.NullOr(Schema.Boolean))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LogicFunction extends Schema.Schema.Type<typeof LogicFunction> {}

/**
 * One run of a function: which trigger started it, its outcome (`Success`, `Failure` or `Timeout`) and
 * when it started and finished.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LogicRun = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  owner_id: Schema.String,
  logic_function_id: Schema.String,
  logic_trigger_type: Schema.String,
  logic_trigger_id: Schema.String,
  status: Schema.String,
  started_at: Schema.String,
  finished_at: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  log_filename: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LogicRun extends Schema.Schema.Type<typeof LogicRun> {}

/**
 * One line a run logged: `console.log` / `info` are `Info`, `warn` `Warning`, `error` `Error`; `args` are
 * what was passed, as JSON.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LogicRunLog = /*#__PURE__*/ Schema.Struct({
  level: Schema.String,
  timestamp: Schema.String,
  args: Schema.Array(Schema.Unknown)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LogicRunLog extends Schema.Schema.Type<typeof LogicRunLog> {}

/**
 * A run's logs, as an array. Particle's docs wrap them as `{ "logic_run_logs": { "logs": […] } }`, other
 * sources as `{ "logs": […] }`: either decodes.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RunLogs = /*#__PURE__*/ Schema.transform(
  Schema.Struct({
    logic_run_logs: Schema.optional(Schema.Struct({ logs: Schema.Array(LogicRunLog) })),
    logs: Schema.optional(Schema.Array(LogicRunLog))
  }).pipe(Schema.filter((r) => r.logic_run_logs !== undefined || r.logs !== undefined || "has no logs")),
  Schema.Array(Schema.typeSchema(LogicRunLog)),
  {
    strict: true,
    decode: (r) => r.logic_run_logs?.logs ?? r.logs ?? [],
    encode: (logs) => ({ logic_run_logs: { logs } })
  }
)

/**
 * What `executeLogic` answers: `Success`, or `Exception` with `err` (the error, e.g. `TypeError: x is not a
 * function`), and the logs of the run.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExecuteResult = /*#__PURE__*/ Schema.Struct({
  status: Schema.String,
  err: Schema.optional(Schema.String),
  logs: Schema.optionalWith(Schema.Array(LogicRunLog), { default: () => [] })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ExecuteResult extends Schema.Schema.Type<typeof ExecuteResult> {}

/**
 * Runs of one day (`date` as `YYYYMMDD`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DayStats = /*#__PURE__*/ Schema.Struct({ date: Schema.String, ...RunCounts.fields })

/**
 * An event trigger to send: the event name (a prefix), and optionally the product whose events run it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NewEventTrigger = /*#__PURE__*/ Schema.Struct({
  type: Schema.Literal("Event"),
  event_name: Input.NonEmpty,
  product_id: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.positive())),
  enabled: Schema.optional(Schema.Boolean),
  id: Schema.optional(Schema.String)
}, rest)

/**
 * A scheduled trigger to send: a 5-field cron expression (UTC), and optionally when it starts and ends.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NewScheduledTrigger = /*#__PURE__*/ Schema.Struct({
  type: Schema.Literal("Scheduled"),
  cron: Input.NonEmpty,
  start_at: Schema.optional(Schema.String),
  end_at: Schema.optional(Schema.NullOr(Schema.String)),
  enabled: Schema.optional(Schema.Boolean),
  id: Schema.optional(Schema.String)
}, rest)

/**
 * A trigger to send with a function (include its `id` to update it in place). At most 5 per function.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NewTrigger = /*#__PURE__*/ Schema.Union(NewEventTrigger, NewScheduledTrigger)

const triggers = /*#__PURE__*/ Schema.Array(NewTrigger).pipe(
  Schema.maxItems(5, { message: () => "must hold at most 5 triggers (Particle's limit)" })
)

const fields = {
  description: /*#__PURE__*/ Schema.optional(Schema.String),
  enabled: /*#__PURE__*/ Schema.optional(Schema.Boolean),
  logic_triggers: /*#__PURE__*/ Schema.optional(triggers),
  template_slug: /*#__PURE__*/ Schema.optional(Schema.NullOr(Schema.String)),
  api_username: /*#__PURE__*/ Schema.optional(Schema.NullOr(Schema.String)),
  /** Names of the secrets the function reads (`context.secrets`). */
  secrets: /*#__PURE__*/ Schema.optional(Schema.NullOr(Schema.Array(Input.NonEmpty))),
  use_env: /*#__PURE__*/ Schema.optional(Schema.NullOr(Schema.Boolean))
}

/**
 * A function to create (sent as `{ logic_function }`): `name`, `source.code`, and optionally
 * `description`, `enabled` (Particle's default is enabled), `logic_triggers`, `secrets`, `use_env`,
 * `api_username`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NewLogicFunction = /*#__PURE__*/ Schema.Struct({
  name: Input.NonEmpty,
  source: Schema.Struct({ type: Schema.optional(Schema.Literal("JavaScript")), code: Input.NonEmpty }),
  ...fields
}, rest)

/**
 * The changes of `updateLogicFunction`: any of the fields of {@link NewLogicFunction}; `logic_triggers`,
 * when given, replaces the triggers (those sent with their `id` keep it).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LogicFunctionChanges = /*#__PURE__*/ Schema.Struct({
  name: Schema.optional(Input.NonEmpty),
  source: Schema.optional(Schema.Struct({ type: Schema.optional(Schema.Literal("JavaScript")), code: Input.NonEmpty })),
  ...fields
}, rest)

/**
 * What `executeLogic` sends: the code, and the event it runs with (all fields optional).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LogicExecution = /*#__PURE__*/ Schema.Struct({
  source: Schema.Struct({ type: Schema.optional(Schema.Literal("JavaScript")), code: Input.NonEmpty }),
  event: Schema.optional(Schema.Struct({
    event_name: Schema.optional(Schema.String),
    event_data: Schema.optional(Schema.String),
    device_id: Schema.optional(Schema.String),
    product_id: Schema.optional(Schema.Union(Schema.Number, Schema.String)),
    user_id: Schema.optional(Schema.String)
  }, rest)),
  api_username: Schema.optional(Schema.NullOr(Schema.String)),
  secrets: Schema.optional(Schema.NullOr(Schema.Array(Input.NonEmpty))),
  use_env: Schema.optional(Schema.NullOr(Schema.Boolean))
}, rest)
