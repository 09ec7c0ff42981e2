import { Input, ParticleError } from "@effect-particle/core"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { ScopeOptions } from "./eventStream.js"
import { DEFAULT_MAX_LENGTH } from "./sse.js"

/** What the public options become once validated: everything a connection and the reconnect loop need. */
export interface Config {
  readonly scope: typeof ScopeOptions.Type
  readonly idleTimeout: Duration.Duration
  readonly schedule: Schedule.Schedule<unknown, any> | undefined
  readonly healthyMillis: number
  readonly failOnMalformed: boolean
  readonly maxEventSize: number
  readonly onStatus: ((status: any) => Effect.Effect<void>) | undefined
  /** keep `published_at` as the string Particle sent */
  readonly raw: boolean
}

export const DEFAULT_IDLE_TIMEOUT: Duration.Duration = Duration.seconds(15)
const DEFAULT_HEALTHY_AFTER: Duration.Duration = Duration.seconds(30)

const DurationInput = Input.Duration
const positive = Input.Duration.pipe(
  Schema.filter((d) => Duration.greaterThan(d, Duration.zero) || "must be a positive duration")
)

export const ReconnectOptions = Schema.Struct({
  initialDelay: Schema.optional(DurationInput),
  factor: Schema.optional(Schema.Number.pipe(Schema.greaterThanOrEqualTo(1, { message: () => "must be ≥ 1" }))),
  maxDelay: Schema.optional(DurationInput),
  jitter: Schema.optional(Schema.Boolean),
  maxAttempts: Schema.optional(Schema.Number.pipe(
    Schema.int({ message: () => "must be an integer ≥ 0" }),
    Schema.greaterThanOrEqualTo(0, { message: () => "must be an integer ≥ 0" })
  ))
})

const ScheduleInput = Schema.declare((u): u is Schedule.Schedule<unknown, any> => Schedule.isSchedule(u), {
  message: () => "must be a Schedule"
})

export const StreamOptions = Schema.extend(
  ScopeOptions,
  Schema.Struct({
    idleTimeout: Schema.optional(positive),
    // `false`, a Schedule, or ReconnectOptions: told apart by shape, so that a bad field is named (a union
    // would only name `reconnect`)
    reconnect: Schema.optional(Schema.Union(Schema.Literal(false), ScheduleInput, Schema.Object)),
    healthyAfter: Schema.optional(DurationInput),
    onMalformed: Schema.optional(Schema.Literal("log", "fail")),
    maxEventSize: Schema.optional(Schema.Number.pipe(
      Schema.int({ message: () => "must be an integer ≥ 64" }),
      Schema.greaterThanOrEqualTo(64, { message: () => "must be an integer ≥ 64" })
    )),
    onStatus: Schema.optional(
      Schema.declare((u): u is (status: any) => Effect.Effect<void> => typeof u === "function", {
        message: () => "must be a function"
      })
    ),
    raw: Schema.optional(Schema.Boolean)
  })
)

/**
 * The default reconnection schedule: exponential from `initialDelay` (1 s) by `factor` (2), jittered, each
 * delay capped at `maxDelay` (30 s), `maxAttempts` reconnections in a row at most (no limit by default).
 */
export const reconnectSchedule = (
  options: typeof ReconnectOptions.Encoded = {}
): Schedule.Schedule<unknown, unknown> => {
  const maxDelay = Duration.decode(options.maxDelay ?? "30 seconds")
  const base = Schedule.exponential(options.initialDelay ?? "1 second", options.factor ?? 2)
  const jittered = options.jitter === false ? base : Schedule.jittered(base)
  const capped = jittered.pipe(Schedule.modifyDelay((_, delay) => Duration.min(delay, maxDelay)))
  return options.maxAttempts === undefined ? capped : Schedule.intersect(capped, Schedule.recurs(options.maxAttempts))
}

const decodeOptions = Schema.decodeUnknownEither(StreamOptions, { errors: "first", onExcessProperty: "ignore" })
const decodeReconnect = Schema.decodeUnknownEither(Schema.Struct({ reconnect: ReconnectOptions }), { errors: "first" })

const invalid = (error: ParseResult.ParseError): ParticleError.InvalidInput => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "options"
  return ParticleError.invalidInput(
    field,
    issue ? (issue._tag === "Missing" ? "is required" : issue.message) : "is invalid"
  )
}

/** The public options, validated (`InvalidInput` naming the option), with defaults filled in. */
export const configOf = (options: unknown): Either.Either<Config, ParticleError.InvalidInput> => {
  if (typeof options !== "object" || options === null) {
    return Either.left(ParticleError.invalidInput("options", "must be an object"))
  }
  type Decoded = Omit<typeof StreamOptions.Type, "reconnect"> & {
    readonly reconnect?: false | Schedule.Schedule<unknown, any> | typeof ReconnectOptions.Type | undefined
  }
  const decoded = Either.flatMap(
    decodeOptions(options),
    (o): Either.Either<Decoded, ParseResult.ParseError> =>
      o.reconnect === undefined || o.reconnect === false || Schedule.isSchedule(o.reconnect)
        ? Either.right(o as Decoded)
        : Either.map(decodeReconnect({ reconnect: o.reconnect }), ({ reconnect }): Decoded => ({ ...o, reconnect }))
  )
  return Either.mapBoth(decoded, {
    onLeft: invalid,
    onRight: (o): Config => ({
      scope: { deviceId: o.deviceId, product: o.product, org: o.org, name: o.name },
      idleTimeout: o.idleTimeout === undefined ? DEFAULT_IDLE_TIMEOUT : Duration.decode(o.idleTimeout),
      schedule: o.reconnect === false
        ? undefined
        : o.reconnect !== undefined && Schedule.isSchedule(o.reconnect)
        ? o.reconnect
        : reconnectSchedule(o.reconnect as typeof ReconnectOptions.Type | undefined),
      healthyMillis: Duration.toMillis(
        o.healthyAfter === undefined ? DEFAULT_HEALTHY_AFTER : Duration.decode(o.healthyAfter)
      ),
      failOnMalformed: o.onMalformed === "fail",
      maxEventSize: o.maxEventSize ?? DEFAULT_MAX_LENGTH,
      onStatus: o.onStatus,
      raw: o.raw === true
    })
  })
}
