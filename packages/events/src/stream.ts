/**
 * Particle event streams (server-sent events) as an Effect `Stream` that reconnects and never silently dies.
 *
 * @since 0.1.0
 */
import type { ParticleError } from "@effect-particle/core"
import { Operation, ParticleClient } from "@effect-particle/core"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import type * as Event from "./Event.js"
import { openEventStream } from "./internal/eventStream.js"
import * as internal from "./internal/options.js"
import { type Emit, loop, type Statuses } from "./internal/reconnect.js"

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
 * - `onStatus`: called with every {@link Status} change, including `Stopped` when the stream is closed;
 * - `raw`: `true` keeps `published_at` as the ISO string Particle sent ({@link Event.RawEvent}) instead of
 *   building a `Date` per event: the fastest way to read a busy stream (since 0.2.0).
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
  readonly raw?: boolean | undefined
}

/**
 * The error type of a stream with the given options: {@link StreamError}, plus `MalformedEvent` with
 * `onMalformed: "fail"`.
 *
 * @since 0.1.0
 * @category errors
 */
export type ErrorOf<O extends StreamOptions> =
  | StreamError
  | (O["onMalformed"] extends "fail" ? Event.MalformedEvent : never)

/**
 * The events of a stream with the given options: {@link Event.ParticleEvent}, or {@link Event.RawEvent}
 * (`published_at` kept as the string) with `raw: true`.
 *
 * @since 0.2.0
 * @category models
 */
export type EventOf<O extends StreamOptions> = O["raw"] extends true ? Event.RawEvent : Event.ParticleEvent

/**
 * What `streamWithStatus` emits with the given options: {@link StreamItem}, with {@link Event.RawEvent}s
 * instead of `ParticleEvent`s when `raw: true`.
 *
 * @since 0.2.0
 * @category models
 */
export type ItemOf<O extends StreamOptions> = EventOf<O> | Status | Event.MalformedEvent

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
export const DEFAULT_IDLE_TIMEOUT: Duration.Duration = internal.DEFAULT_IDLE_TIMEOUT

/**
 * The default reconnection schedule (see {@link ReconnectOptions}).
 *
 * @since 0.1.0
 * @category constants
 */
export const reconnectSchedule = (options: ReconnectOptions = {}): Schedule.Schedule<unknown, StreamError> =>
  internal.reconnectSchedule(options)
// ---------------------------------------------------------------------------------------------------------
// the stream
// ---------------------------------------------------------------------------------------------------------

/**
 * The request path of a stream (as particle-api-js builds it), or `InvalidInput`.
 *
 * @since 0.1.0
 * @category paths
 */
export const pathOf = (options: StreamOptions): Either.Either<string, ParticleError.InvalidInput> =>
  Either.flatMap(internal.configOf(options), (config) => Operation.requestPath(openEventStream, config.scope))

/** The stream of `options`: events only (`onStatus` told of each status), or every item. */
const make = (
  options: StreamOptions,
  emit: (statuses: Statuses<Status>) => Emit<Status>
): Stream.Stream<StreamItem | Event.RawEvent, StreamError | Event.MalformedEvent, ParticleClient.ParticleClient> =>
  Stream.suspend(() => {
    const resolved = Either.flatMap(
      internal.configOf(options),
      (config) => Either.map(Operation.requestPath(openEventStream, config.scope), (path) => ({ config, path }))
    )
    if (Either.isLeft(resolved)) {
      const stopped = Status.Stopped({ error: Option.some(resolved.left) })
      const e = emit(statuses(""))
      const announce: Stream.Stream<Status> = e._tag === "items"
        ? Stream.succeed(stopped)
        : e.onStatus === undefined
        ? Stream.empty
        : Stream.execute(e.onStatus(stopped))
      return Stream.concat(announce, Stream.fail(resolved.left))
    }
    const { config, path } = resolved.right
    return Stream.unwrap(Effect.map(ParticleClient.ParticleClient, (client) => {
      const url = client.baseUrl + path
      return loop<Status>(config, url, emit(statuses(url)))
    }))
  }) as any

const statuses = (url: string): Statuses<Status> => ({
  connecting: (attempt) => Status.Connecting({ attempt, url }),
  connected: (attempt) => Status.Connected({ attempt, url }),
  reconnecting: (attempt, delay, cause) => Status.Reconnecting({ attempt, delay, cause }),
  stopped: (error) => Status.Stopped({ error: Option.some(error) })
})

const items = (
  options: StreamOptions
): Stream.Stream<StreamItem, StreamError | Event.MalformedEvent, ParticleClient.ParticleClient> =>
  make(options, (statuses) => ({ _tag: "items", statuses })) as any

const marker = (name: string, summary: string): Operation.StreamOf => ({
  name,
  summary,
  kind: "events",
  definition: openEventStream.definition
})

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
export const streamWithStatus = /*#__PURE__*/ Operation.streaming(
  <const O extends StreamOptions>(options: O): Stream.Stream<ItemOf<O>, ErrorOf<O>, ParticleClient.ParticleClient> =>
    items(options) as Stream.Stream<ItemOf<O>, ErrorOf<O>, ParticleClient.ParticleClient>,
  marker("streamWithStatus", "The events of a scope with the connection's state and malformed events, as a `Stream`")
)

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
export const stream = /*#__PURE__*/ Operation.streaming(
  <const O extends StreamOptions>(
    options: O
  ): Stream.Stream<EventOf<O>, ErrorOf<O>, ParticleClient.ParticleClient> => {
    const onStatus = options?.onStatus
    if (onStatus === undefined) {
      return make(options, (statuses) => ({ _tag: "events", statuses, onStatus: undefined })) as any
    }
    // statuses go to onStatus as they happen; when the stream is closed without a Stopped, one is sent
    return Stream.suspend(() => {
      let stopped = false
      const tell = (status: Status) => {
        if (status._tag === "Stopped") stopped = true
        return onStatus(status)
      }
      return make(options, (statuses) => ({ _tag: "events", statuses, onStatus: tell })).pipe(
        Stream.ensuring(
          Effect.suspend(() => stopped ? Effect.void : onStatus(Status.Stopped({ error: Option.none() })))
        )
      )
    }) as any
  },
  marker("stream", "The events of a scope as a `Stream` that stays connected")
)
