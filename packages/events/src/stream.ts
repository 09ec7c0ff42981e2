/**
 * Particle event streams (server-sent events) as an Effect `Stream` that reconnects and never silently dies.
 *
 * @since 0.1.0
 */
import { Input, ParticleClient, ParticleError, Retry } from "@effect-particle/core"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as Intervals from "effect/ScheduleIntervals"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Event from "./Event.js"
import { DEFAULT_MAX_LENGTH, SseParser } from "./internal/sse.js"

// ---------------------------------------------------------------------------------------------------------
// models
// ---------------------------------------------------------------------------------------------------------

/**
 * Errors that end a stream: a status Particle answered with (`Unauthorized` and `Forbidden` stop the stream
 * at once, on the first connection as on a reconnection), a transport failure once reconnecting gave up
 * (including `TransportError` with reason `Timeout` for a silent connection and reason `Body` for a
 * connection the server closed), or `InvalidInput` for bad options (before any request).
 *
 * @since 0.1.0
 * @category errors
 */
export type StreamError = ParticleError.HttpStatusError | ParticleError.TransportError | ParticleError.InvalidInput

/**
 * The connection state of a stream:
 *
 * - `Connecting { attempt, url }`: opening a connection (`attempt` 0 is the first one);
 * - `Connected { attempt, url }`: Particle answered 200, events flow;
 * - `Reconnecting { attempt, delay, cause }`: the connection ended, failed or went silent (`cause`), the next
 *   attempt (1, 2, …) starts after `delay`;
 * - `Stopped { error }`: the stream ended: with the error it fails with, or `Option.none()` when its consumer
 *   stopped or was interrupted (only seen by `onStatus`, since nobody reads the stream any more).
 *
 * @since 0.1.0
 * @category models
 */
export type Status = Data.TaggedEnum<{
  Connecting: { readonly attempt: number; readonly url: string }
  Connected: { readonly attempt: number; readonly url: string }
  Reconnecting: { readonly attempt: number; readonly delay: Duration.Duration; readonly cause: StreamError }
  Stopped: { readonly error: Option.Option<StreamError | Event.MalformedEvent> }
}>

/**
 * Constructors and matchers of {@link Status} (`Status.Connected({...})`, `Status.$is("Connected")`,
 * `Status.$match`).
 *
 * @since 0.1.0
 * @category models
 */
export const Status = Data.taggedEnum<Status>()

/**
 * What `streamWithStatus` emits: events, connection states, and events that could not be decoded.
 *
 * @since 0.1.0
 * @category models
 */
export type StreamItem = Event.ParticleEvent | Status | Event.MalformedEvent

/**
 * How to reconnect. Defaults: first delay 1 s, doubling, with jitter (×0.8–1.2), at most 30 s, no limit on
 * attempts. A `Retry-After` on a 429 is honoured (up to 5 minutes, Particle's stream-open window).
 *
 * @since 0.1.0
 * @category models
 */
export interface ReconnectOptions {
  /** First delay. Default 1 s. */
  readonly initialDelay?: Duration.DurationInput | undefined
  /** Growth per attempt. Default 2. */
  readonly factor?: number | undefined
  /** Cap of one delay. Default 30 s. */
  readonly maxDelay?: Duration.DurationInput | undefined
  /** Randomise each delay by ×0.8–1.2 so that many clients do not reconnect in lockstep. Default `true`. */
  readonly jitter?: boolean | undefined
  /** Reconnections in a row (without a healthy connection in between) before the stream fails. Default: no limit. */
  readonly maxAttempts?: number | undefined
}

/**
 * Options of {@link stream} and {@link streamWithStatus}.
 *
 * Scope (as particle-api-js builds the URL; see the README for the table):
 * - `deviceId: "mine"` → all your devices (`/v1/devices/events`);
 * - `deviceId` → one device (`/v1/devices/{deviceId}/events`), by ID or name;
 * - `product` → a product's fleet; with `deviceId` (an ID) one product device;
 * - `org` → an organization; with `product` and/or `deviceId` as particle-api-js builds it;
 * - only `name` → `/v1/events/{name}` (Particle requires the prefix there);
 * - `name`: an event-name prefix (URL-encoded), 1–64 characters.
 *
 * Behaviour:
 * - `idleTimeout`: reconnect when nothing (not even a keep-alive) arrived for this long. Default 15 s;
 * - `reconnect`: {@link ReconnectOptions}, a `Schedule` fed with the error that ended each connection
 *   (its delays are used; when it ends, the stream fails with that error), or `false` to fail at the first
 *   disconnection;
 * - `healthyAfter`: a connection that delivered an event, or stayed up this long, resets the backoff.
 *   Default 30 s;
 * - `onMalformed`: `"log"` (default) logs a warning and skips an event that cannot be decoded; `"fail"`
 *   fails the stream with the {@link Event.MalformedEvent};
 * - `maxEventSize`: the longest line or event data kept in memory, in characters. Default 1 MiB;
 * - `onStatus`: called with every {@link Status} change, including `Stopped` when the stream is closed.
 *
 * @since 0.1.0
 * @category models
 */
export interface StreamOptions {
  readonly deviceId?: string | undefined
  readonly product?: string | number | undefined
  readonly org?: string | undefined
  readonly name?: string | undefined
  readonly idleTimeout?: Duration.DurationInput | undefined
  readonly reconnect?: false | ReconnectOptions | Schedule.Schedule<unknown, StreamError> | undefined
  readonly healthyAfter?: Duration.DurationInput | undefined
  readonly onMalformed?: "log" | "fail" | undefined
  readonly maxEventSize?: number | undefined
  readonly onStatus?: ((status: Status) => Effect.Effect<void>) | undefined
}

/**
 * The error type of a stream with the given options: {@link StreamError}, plus `MalformedEvent` with
 * `onMalformed: "fail"`.
 *
 * @since 0.1.0
 * @category errors
 */
export type ErrorOf<O extends StreamOptions> = StreamError | (O["onMalformed"] extends "fail" ? Event.MalformedEvent : never)

/**
 * Default idle timeout: 15 s. Particle writes a keep-alive when 9 s passed since its last write, checked
 * every 3 s, so a healthy stream is never silent for more than ~12 s; 15 s (what particle-api-js 12 uses
 * against the live cloud) leaves room for a TCP retransmission or a slow proxy before a healthy
 * connection is torn down (each needless reconnect costs a stream open, limited to 100 / 5 min, and loses the
 * events published during the gap).
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_IDLE_TIMEOUT: Duration.Duration = Duration.seconds(15)

/**
 * The default reconnection schedule (see {@link ReconnectOptions}).
 *
 * @since 0.1.0
 * @category constants
 */
export const reconnectSchedule = (options: ReconnectOptions = {}): Schedule.Schedule<unknown, StreamError> => {
  const maxDelay = Duration.decode(options.maxDelay ?? "30 seconds")
  const base = Schedule.exponential(options.initialDelay ?? "1 second", options.factor ?? 2)
  const jittered = options.jitter === false ? base : Schedule.jittered(base)
  const capped = jittered.pipe(Schedule.modifyDelay((_, delay) => Duration.min(delay, maxDelay)))
  return (options.maxAttempts === undefined
    ? capped
    : Schedule.intersect(capped, Schedule.recurs(options.maxAttempts))) as Schedule.Schedule<unknown, StreamError>
}

// ---------------------------------------------------------------------------------------------------------
// options → path
// ---------------------------------------------------------------------------------------------------------

const isDeviceId = Schema.is(Input.DeviceId)
const isDeviceIdOrName = Schema.is(Input.DeviceIdOrName)
const isProduct = Schema.is(Input.Product)
const isOrg = Schema.is(Input.Org)

const invalid = (field: string, reason: string) => Either.left(ParticleError.invalidInput(field, reason))

/**
 * The request path of a stream (as particle-api-js builds it), or `InvalidInput`.
 *
 * @since 0.1.0
 * @category paths
 */
export const pathOf = (options: StreamOptions): Either.Either<string, ParticleError.InvalidInput> => {
  if (typeof options !== "object" || options === null) return invalid("options", "must be an object")
  const { deviceId, name, org, product } = options
  if (name !== undefined) {
    if (typeof name !== "string" || name.length === 0) return invalid("name", "must be a non-empty event-name prefix")
    if (name.length > 64) return invalid("name", "must be at most 64 characters (longer names never match)")
  }
  if (org !== undefined && !isOrg(org)) return invalid("org", "must be an organization ID or slug")
  if (product !== undefined && !isProduct(product)) {
    return invalid("product", "must be a product ID (a positive integer) or a product slug")
  }
  const mine = typeof deviceId === "string" && deviceId.toLowerCase() === "mine"
  if (deviceId !== undefined && !mine) {
    if (org !== undefined || product !== undefined) {
      if (!isDeviceId(deviceId)) {
        return invalid("deviceId", "must be a device ID (24 hexadecimal characters) in a product or org scope")
      }
    } else if (!isDeviceIdOrName(deviceId)) {
      return invalid("deviceId", "must be \"mine\", a device ID (24 hexadecimal characters) or a device name")
    }
  }
  if (mine && product !== undefined && org === undefined) {
    return invalid("deviceId", "\"mine\" selects your own devices and cannot be combined with product")
  }
  if (deviceId === undefined && product === undefined && org === undefined && name === undefined) {
    return invalid("deviceId", "is required: pass deviceId (\"mine\" for all your devices), product, org or name")
  }
  let path = "/v1/"
  if (org !== undefined) path += `orgs/${encodeURIComponent(org)}/`
  if (product !== undefined) path += `products/${encodeURIComponent(String(product))}/`
  if (deviceId !== undefined) path += mine ? "devices/" : `devices/${encodeURIComponent(deviceId)}/`
  path += "events"
  if (name !== undefined) path += `/${encodeURIComponent(name)}`
  return Either.right(path)
}

// ---------------------------------------------------------------------------------------------------------
// the stream
// ---------------------------------------------------------------------------------------------------------

// what the client retries, plus a 408 from the stream endpoint (the cloud gave up waiting, not a bad request)
const isRetryable = (error: StreamError | Event.MalformedEvent): boolean =>
  Retry.isRetryable(error) || error._tag === "DeviceTimeout"

const MAX_RETRY_AFTER = 5 * 60 * 1000

const preview = (s: string) => (s.length > 200 ? s.slice(0, 200) + "…" : s)

const logMalformed = (m: Event.MalformedEvent) =>
  Effect.logWarning(`Skipped a malformed Particle event: ${m.issue}`).pipe(
    Effect.annotateLogs({ event: m.name, reason: m.reason, data: preview(m.data) })
  )

interface Config {
  readonly path: string
  readonly idleTimeout: Duration.Duration
  readonly schedule: Schedule.Schedule<unknown, StreamError> | undefined
  readonly healthyMillis: number
  readonly failOnMalformed: boolean
  readonly maxEventSize: number
}

const configOf = (options: StreamOptions): Either.Either<Config, ParticleError.InvalidInput> =>
  Either.flatMap(pathOf(options), (path) => {
    const idle = options.idleTimeout === undefined
      ? Option.some(DEFAULT_IDLE_TIMEOUT)
      : Duration.decodeUnknown(options.idleTimeout)
    if (Option.isNone(idle) || !Duration.greaterThan(idle.value, Duration.zero)) {
      return invalid("idleTimeout", "must be a positive duration")
    }
    const healthy = options.healthyAfter === undefined
      ? Option.some(Duration.seconds(30))
      : Duration.decodeUnknown(options.healthyAfter)
    if (Option.isNone(healthy)) return invalid("healthyAfter", "must be a duration")
    const max = options.maxEventSize ?? DEFAULT_MAX_LENGTH
    if (!Number.isInteger(max) || max < 64) return invalid("maxEventSize", "must be an integer ≥ 64")
    const reconnect = options.reconnect
    let schedule: Schedule.Schedule<unknown, StreamError> | undefined
    if (reconnect === false) schedule = undefined
    else if (reconnect !== undefined && Schedule.isSchedule(reconnect)) schedule = reconnect
    else {
      const r = (reconnect ?? {}) as ReconnectOptions
      if (r.maxAttempts !== undefined && (!Number.isInteger(r.maxAttempts) || r.maxAttempts < 0)) {
        return invalid("reconnect.maxAttempts", "must be an integer ≥ 0")
      }
      if (r.factor !== undefined && !(r.factor >= 1)) return invalid("reconnect.factor", "must be ≥ 1")
      schedule = reconnectSchedule(r)
    }
    return Either.right({
      path,
      idleTimeout: idle.value,
      schedule,
      healthyMillis: Duration.toMillis(healthy.value),
      failOnMalformed: options.onMalformed === "fail",
      maxEventSize: max
    })
  })

/** A connection ended without an error: the stream is infinite, so this is a (retryable) failure. */
const ended = (url: string) =>
  new ParticleError.TransportError({
    method: "GET",
    url,
    reason: "Body",
    message: `The server closed the event stream GET ${url}`
  })

const silent = (url: string, idle: Duration.Duration) =>
  new ParticleError.TransportError({
    method: "GET",
    url,
    reason: "Timeout",
    message: `No data (not even a keep-alive) for ${Duration.format(idle)} on the event stream GET ${url}`
  })

const make = (config: Config): Stream.Stream<StreamItem, StreamError | Event.MalformedEvent, ParticleClient.ParticleClient> =>
  Stream.unwrap(Effect.map(ParticleClient.ParticleClient, (client) => {
    const url = client.baseUrl + config.path
    const schedule = config.schedule
    let scheduleState: unknown = schedule?.initial
    let attempt = 0
    // per connection
    let connectedAt: number | undefined
    let delivered = false

    const connection = (n: number): Stream.Stream<StreamItem, StreamError | Event.MalformedEvent> =>
      Stream.unwrapScoped(Effect.gen(function*() {
        // the request and its body reader live in this connection's scope: ending or interrupting the stream
        // releases the reader and aborts the request (both transports close the socket at once, even mid-read;
        // transport.test.ts). Pulling through toPull measured ~10% faster than consuming response.stream.
        const response = yield* client.openStream({ path: config.path })
        const pull = yield* Stream.toPull(response.stream)
        connectedAt = yield* Clock.currentTimeMillis
        delivered = false
        // silence (not even a keep-alive) past idleTimeout fails the connection; any bytes reset the clock
        const clock = yield* Effect.clock
        const idleMillis = Duration.toMillis(config.idleTimeout)
        let lastActivity = connectedAt
        const watchdog: Effect.Effect<never, ParticleError.TransportError> = Effect.suspend(function check(): Effect.Effect<
          never,
          ParticleError.TransportError
        > {
          const left = lastActivity + idleMillis - clock.unsafeCurrentTimeMillis()
          return left <= 0
            ? Effect.fail(silent(url, config.idleTimeout))
            : Effect.zipRight(Effect.sleep(Duration.millis(left)), Effect.suspend(check))
        })
        let out: Array<StreamItem> = []
        let malformed = 0
        const parser = new SseParser({
          onMessage: (name, data) => {
            const decoded = Event.decode(name, data)
            if (decoded._tag === "Right") out.push(decoded.right)
            else {
              malformed++
              out.push(decoded.left)
            }
          },
          onIssue: (issue) => {
            malformed++
            out.push(
              Event.malformed(
                issue.event,
                issue.data,
                issue.reason,
                issue.reason === "LineTooLong"
                  ? `a line is longer than ${config.maxEventSize} characters; it was dropped`
                  : issue.reason === "EventTooLarge"
                  ? `the event data is longer than ${config.maxEventSize} characters; it was dropped`
                  : issue.reason === "MissingData"
                  ? "an event: line was followed by no data: line"
                  : "the connection ended in the middle of an event"
              )
            )
          }
        }, config.maxEventSize)
        const take = (): Chunk.Chunk<StreamItem> => {
          if (out.length === 0) return Chunk.empty()
          const items = out
          out = []
          if (items.length > malformed) delivered = true
          return Chunk.unsafeFromArray(items)
        }
        const logMalformedIn = (chunk: Chunk.Chunk<StreamItem>) => {
          if (malformed === 0) return Effect.succeed(chunk)
          malformed = 0
          return Effect.as(
            Effect.forEach(chunk, (item) => item._tag === "MalformedEvent" ? logMalformed(item) : Effect.void, {
              discard: true
            }),
            chunk
          )
        }
        const parsed = Stream.repeatEffectChunkOption(pull).pipe(
          Stream.mapError((error) =>
            new ParticleError.TransportError({
              method: "GET",
              url,
              reason: "Body",
              cause: error,
              message: `The event stream GET ${url} broke off`
            })
          ),
          // one watchdog per connection instead of a timer raced against every pull
          Stream.interruptWhen(watchdog),
          Stream.mapChunks((chunk) => {
            lastActivity = clock.unsafeCurrentTimeMillis()
            for (const bytes of chunk) parser.push(bytes)
            return take()
          }),
          Stream.concat(Stream.suspend(() => {
            parser.end()
            return Stream.fromChunk(take())
          }))
        )
        let body: Stream.Stream<StreamItem, StreamError | Event.MalformedEvent>
        if (config.failOnMalformed) {
          let failure: Event.MalformedEvent | undefined
          body = parsed.pipe(
            Stream.takeUntil((item) => item._tag === "MalformedEvent" && (failure = item, true)),
            Stream.filter((item) => item._tag !== "MalformedEvent"),
            Stream.concat(Stream.suspend((): Stream.Stream<never, StreamError | Event.MalformedEvent> =>
              failure === undefined ? Stream.fail(ended(url)) : Stream.fail(failure)
            ))
          )
        } else {
          body = parsed.pipe(
            Stream.mapChunksEffect(logMalformedIn),
            Stream.concat(Stream.failSync(() => ended(url)))
          )
        }
        return Stream.concat(Stream.succeed(Status.Connected({ attempt: n, url })), body)
      }))

    const stop = (error: StreamError | Event.MalformedEvent) =>
      Stream.concat(Stream.succeed(Status.Stopped({ error: Option.some(error) })), Stream.fail(error))

    const disconnected = (
      error: StreamError | Event.MalformedEvent
    ): Effect.Effect<Stream.Stream<StreamItem, StreamError | Event.MalformedEvent>> =>
      Effect.gen(function*() {
        if (schedule === undefined || !isRetryable(error)) return stop(error)
        const cause = error as StreamError
        const now = yield* Clock.currentTimeMillis
        if (connectedAt !== undefined && (delivered || now - connectedAt >= config.healthyMillis)) {
          scheduleState = schedule.initial
          attempt = 0
        }
        connectedAt = undefined
        delivered = false
        const [state, , decision] = yield* schedule.step(now, cause, scheduleState)
        scheduleState = state
        if (ScheduleDecision.isDone(decision)) return stop(error)
        let millis = Math.max(0, Intervals.start(decision.intervals) - now)
        if (cause._tag === "RateLimited" && Option.isSome(cause.retryAfter)) {
          millis = Math.max(millis, Math.min(Duration.toMillis(cause.retryAfter.value), MAX_RETRY_AFTER))
        }
        attempt++
        const delay = Duration.millis(millis)
        yield* Effect.logInfo(`Particle event stream disconnected: ${cause.message}`).pipe(
          Effect.annotateLogs({ url, attempt, delay: Duration.format(delay) })
        )
        const next = attempt
        return Stream.succeed(Status.Reconnecting({ attempt: next, delay, cause })).pipe(
          Stream.concat(Stream.execute(Effect.sleep(delay))),
          Stream.concat(Stream.suspend(() => loop(next)))
        )
      })

    const loop = (n: number): Stream.Stream<StreamItem, StreamError | Event.MalformedEvent> =>
      Stream.concat(
        Stream.succeed(Status.Connecting({ attempt: n, url })),
        Stream.catchAll(connection(n), (error) => Stream.unwrap(disconnected(error)))
      )

    return loop(0)
  }))

/**
 * The events of a scope, with the connection's state and the events that could not be decoded as items of
 * the same stream (see {@link StreamItem}): use it to show "connecting…/live/reconnecting in 4 s" in a UI, or
 * to count malformed events. Same options, resilience and errors as {@link stream}.
 *
 * @example
 * ```ts
 * import { streamWithStatus } from "@effect-particle/events"
 * import { Effect, Stream } from "effect"
 *
 * const program = streamWithStatus({ deviceId: "mine" }).pipe(
 *   Stream.runForEach((item) => {
 *     switch (item._tag) {
 *       case "Event": return Effect.log(`${item.name}: ${item.data}`)
 *       case "Reconnecting": return Effect.log(`reconnecting in ${item.delay} (attempt ${item.attempt})`)
 *       default: return Effect.log(item._tag)
 *     }
 *   })
 * )
 * ```
 *
 * @since 0.1.0
 * @category streams
 */
export const streamWithStatus = <const O extends StreamOptions>(
  options: O
): Stream.Stream<StreamItem, ErrorOf<O>, ParticleClient.ParticleClient> =>
  Stream.suspend(() => {
    const config = configOf(options)
    if (Either.isLeft(config)) {
      return Stream.concat(
        Stream.succeed(Status.Stopped({ error: Option.some(config.left) })),
        Stream.fail(config.left)
      )
    }
    return make(config.right)
  }) as Stream.Stream<StreamItem, ErrorOf<O>, ParticleClient.ParticleClient>

const isStatus = (item: StreamItem): item is Status =>
  item._tag === "Connecting" || item._tag === "Connected" || item._tag === "Reconnecting" || item._tag === "Stopped"

/**
 * The events of a scope as a `Stream` that stays connected: it reconnects with exponential backoff and
 * jitter when the connection ends, fails or goes silent for `idleTimeout`, and resets the backoff after a
 * healthy connection. It stops, failing with the error, on `Unauthorized` (401) and `Forbidden` (403), on
 * the first connection and on any reconnection, and on the other errors retrying cannot fix (`NotFound`,
 * `BadRequest`, `UnexpectedStatus`, `InvalidInput`). Interrupting it (or ending its consumer, e.g. with
 * `Stream.take`) closes the connection and cancels a pending reconnection. Every open goes through the
 * client's stream-open rate limit (100 / 5 min by default).
 *
 * Events whose data cannot be decoded are logged and skipped (or fail the stream, `onMalformed: "fail"`).
 *
 * Errors: `Unauthorized`, `Forbidden`, `NotFound`, `BadRequest`, `UnexpectedStatus`, `InvalidInput`; and,
 * once `reconnect` gives up (never, by default), `TransportError`, `ServerError`, `RateLimited`,
 * `DeviceTimeout`; `MalformedEvent` with `onMalformed: "fail"`.
 *
 * @example
 * ```ts
 * import { ParticleClient } from "@effect-particle/core"
 * import { stream } from "@effect-particle/events"
 * import { Effect, Redacted, Stream } from "effect"
 *
 * const program = stream({ deviceId: "mine", name: "temperature" }).pipe(
 *   Stream.take(10),
 *   Stream.runForEach((event) => Effect.log(`${event.coreid} ${event.name} = ${event.data}`)),
 *   Effect.catchTag("Unauthorized", () => Effect.log("the token was revoked"))
 * )
 *
 * Effect.runPromise(
 *   program.pipe(Effect.provide(ParticleClient.layerFetch({ accessToken: Redacted.make(process.env.PARTICLE_ACCESS_TOKEN!) })))
 * )
 * ```
 *
 * @since 0.1.0
 * @category streams
 */
export const stream = <const O extends StreamOptions>(
  options: O
): Stream.Stream<Event.ParticleEvent, ErrorOf<O>, ParticleClient.ParticleClient> => {
  const onStatus = options?.onStatus
  const items = streamWithStatus(options)
  if (onStatus === undefined) {
    return Stream.filter(items, (item): item is Event.ParticleEvent => item._tag === "Event")
  }
  return Stream.suspend(() => {
    let stopped = false
    return items.pipe(
      Stream.mapChunksEffect((chunk) => {
        let statuses: Array<Status> | undefined
        for (const item of chunk) {
          if (isStatus(item)) (statuses ??= []).push(item)
        }
        if (statuses === undefined) return Effect.succeed(chunk)
        return Effect.as(
          Effect.forEach(statuses, (status) => {
            if (status._tag === "Stopped") stopped = true
            return onStatus(status)
          }, { discard: true }),
          chunk
        )
      }),
      Stream.filter((item): item is Event.ParticleEvent => item._tag === "Event"),
      Stream.ensuring(Effect.suspend(() => stopped ? Effect.void : onStatus(Status.Stopped({ error: Option.none() }))))
    )
  })
}
