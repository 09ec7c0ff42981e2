import type { ParticleClient } from "@effect-particle/core"
import { Retry } from "@effect-particle/core"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as Intervals from "effect/ScheduleIntervals"
import * as Stream from "effect/Stream"
import type * as Event from "../Event.js"
import { type AnyEvent, connect, type ConnectionError } from "./connection.js"
import type { Config } from "./options.js"

/** The status items the loop emits (the public `Status`, built by the caller's constructors). */
export interface Statuses<S> {
  readonly connecting: (attempt: number) => S
  readonly connected: (attempt: number) => S
  readonly reconnecting: (attempt: number, delay: Duration.Duration, cause: ConnectionError) => S
  readonly stopped: (error: ConnectionError | Event.MalformedEvent) => S
}

/**
 * What the loop does with statuses and malformed events: `items` emits both as items of the stream
 * (`streamWithStatus`); otherwise only events are emitted, and each status is handed to `onStatus` (if any)
 * as it happens, with no item and no filter stage per chunk.
 */
export type Emit<S> =
  | { readonly _tag: "items"; readonly statuses: Statuses<S> }
  | {
    readonly _tag: "events"
    readonly statuses: Statuses<S>
    readonly onStatus: ((status: S) => Effect.Effect<void>) | undefined
  }

// what the client retries, plus a 408 from the stream endpoint (the cloud gave up waiting, not a bad request)
const isRetryable = (error: ConnectionError | Event.MalformedEvent): boolean =>
  Retry.isRetryable(error) || error._tag === "DeviceTimeout"

const MAX_RETRY_AFTER = 5 * 60 * 1000

/**
 * Steps a `Schedule` by hand, as `Schedule.driver` does but without sleeping: the loop needs each delay
 * before it waits, to announce it in a `Reconnecting` status.
 */
const backoff = (schedule: Schedule.Schedule<unknown, any>) => {
  let state: unknown = schedule.initial
  return {
    reset: () => {
      state = schedule.initial
    },
    /** The delay before the next attempt, or none when the schedule is done. */
    next: (now: number, input: unknown) =>
      Effect.map(schedule.step(now, input, state), ([next, , decision]) => {
        state = next
        return ScheduleDecision.isDone(decision)
          ? Option.none()
          : Option.some(Math.max(0, Intervals.start(decision.intervals) - now))
      })
  }
}

/**
 * Connections one after another: after each one ends, fails or goes silent, the schedule decides whether
 * and when to connect again; a connection that delivered an event, or stayed up `healthyAfter`, resets it.
 * Errors retrying cannot fix (401, 403, 404, bad input, a malformed event with `onMalformed: "fail"`) stop
 * the loop at once. All state lives here, in one record.
 */
export const loop = <S>(
  config: Config,
  url: string,
  emit: Emit<S>
): Stream.Stream<
  S | AnyEvent | Event.MalformedEvent,
  ConnectionError | Event.MalformedEvent,
  ParticleClient.ParticleClient
> => {
  const statuses = emit.statuses
  const items = emit._tag === "items"
  const onStatus = emit._tag === "events" ? emit.onStatus : undefined
  /** A status as an item, or handed to `onStatus` (no item). */
  const status = (s: S): Stream.Stream<S> =>
    items ? Stream.succeed(s) : onStatus === undefined ? Stream.empty : Stream.execute(onStatus(s))
  const schedule = config.schedule === undefined ? undefined : backoff(config.schedule)
  const state = { attempt: 0, connectedAt: undefined as number | undefined, delivered: false }
  const health = {
    connected: (at: number) => {
      state.connectedAt = at
      state.delivered = false
    },
    delivered: () => {
      state.delivered = true
    }
  }

  const stop = (error: ConnectionError | Event.MalformedEvent) =>
    Stream.concat(status(statuses.stopped(error)), Stream.fail(error))

  const disconnected = (error: ConnectionError | Event.MalformedEvent) =>
    Stream.unwrap(Effect.gen(function*() {
      if (schedule === undefined || !isRetryable(error)) return stop(error)
      const cause = error as ConnectionError
      const now = yield* Clock.currentTimeMillis
      if (state.connectedAt !== undefined && (state.delivered || now - state.connectedAt >= config.healthyMillis)) {
        schedule.reset()
        state.attempt = 0
      }
      state.connectedAt = undefined
      state.delivered = false
      const next = yield* schedule.next(now, cause)
      if (Option.isNone(next)) return stop(error)
      let millis = next.value
      if (cause._tag === "RateLimited" && Option.isSome(cause.retryAfter)) {
        millis = Math.max(millis, Math.min(Duration.toMillis(cause.retryAfter.value), MAX_RETRY_AFTER))
      }
      const attempt = ++state.attempt
      const delay = Duration.millis(millis)
      yield* Effect.logInfo(`Particle event stream disconnected: ${cause.message}`).pipe(
        Effect.annotateLogs({ url, attempt, delay: Duration.format(delay) })
      )
      return status(statuses.reconnecting(attempt, delay, cause)).pipe(
        Stream.concat(Stream.execute(Effect.sleep(delay))),
        Stream.concat(Stream.suspend(() => run(attempt)))
      )
    }))

  const run = (
    attempt: number
  ): Stream.Stream<
    S | AnyEvent | Event.MalformedEvent,
    ConnectionError | Event.MalformedEvent,
    ParticleClient.ParticleClient
  > => {
    const connection = items
      ? connect(config, url, Option.some(statuses.connected(attempt)), undefined, true, health)
      : connect<S>(
        config,
        url,
        Option.none(),
        onStatus === undefined ? undefined : onStatus(statuses.connected(attempt)),
        false,
        health
      )
    return Stream.concat(status(statuses.connecting(attempt)), Stream.catchAll(connection, disconnected))
  }

  return run(0)
}
