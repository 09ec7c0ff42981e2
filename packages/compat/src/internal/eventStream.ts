/**
 * `getEventStream`: particle-api-js's `EventStream` (an emitter of `event`, `disconnect`, `reconnect`,
 * `reconnect-success`, `reconnect-error`, `error`, and `end` when it stops for good, with `abort()`), on
 * top of `streamWithStatus` of `@effect-particle/events`.
 *
 * - The promise resolves once Particle answered 200, and rejects when the first connection fails (as
 *   particle-api-js), with particle-api-js's fields on a real `Error`.
 * - No event is lost at open: events are taken from the stream only once a listener is attached, so the
 *   events that came with the response headers wait for the caller's `.then`.
 * - Reconnection is the events package's (backoff with jitter, stop on 401/403); a stop emits
 *   `reconnect-error` (or `disconnect`) and then `end`.
 * - `abort()` interrupts the stream: the connection is closed and a pending reconnection cancelled, also
 *   when called inside a listener; nothing is emitted after it.
 */
import type { ParticleClient, ParticleError } from "@effect-particle/core"
import type { Event } from "@effect-particle/events"
import { type StreamItem, streamWithStatus } from "@effect-particle/events"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { EmitterClass, EmitterLike } from "./emitter.js"
import { fromParticleError, type ParticleApiError, unexpected } from "./errors.js"

/**
 * What `getEventStream` resolves with: an event emitter (Node's `EventEmitter` on Node) of
 *
 * - `event`: each event, as particle-api-js emits it (`{ data, ttl, published_at, coreid, name, … }`);
 * - `disconnect`: the connection ended; a reconnection follows;
 * - `reconnect`, then `reconnect-success` or `reconnect-error` (with the error);
 * - `end`: the stream stopped for good (401, 403, 404, …), with the error;
 * - `error`: a listener threw (as in particle-api-js).
 *
 * `abort()` closes the connection and stops reconnecting, from anywhere, including inside a listener.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle = new Particle({ auth: process.env.PARTICLE_ACCESS_TOKEN })
 * const stream = await particle.getEventStream({ deviceId: "mine", name: "temperature" })
 * stream.on("event", (event) => {
 *   console.log(event.name, event.data)
 *   if (event.data === "stop") stream.abort()
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface EventStream extends EmitterLike {
  /** The URL of the stream. */
  readonly uri: string
  /** Closes the connection and stops reconnecting; removes every listener. */
  abort(): void
}

/** What the facade gives the stream to run on. */
export interface Runner {
  readonly fork: (effect: Effect.Effect<void, unknown, ParticleClient.ParticleClient>) => Fiber.RuntimeFiber<
    void,
    unknown
  >
  readonly done: () => void
}

/** An event as particle-api-js emits it: Particle's JSON with the event name added. */
const payload = (event: Event.ParticleEvent): Record<string, unknown> => {
  const out: Record<string, unknown> = {
    data: event.data,
    ttl: event.ttl,
    published_at: event.published_at.toISOString(),
    coreid: event.coreid
  }
  if (event.userid !== undefined) out.userid = event.userid
  if (event.productID !== undefined) out.productID = event.productID
  if (event.version !== undefined) out.version = event.version
  out.name = event.name
  return out
}

/** JSON that is an object but not quite an event (a field missing): particle-api-js emits it as it is. */
const looseEvent = (malformed: Event.MalformedEvent): Record<string, unknown> | undefined => {
  if (malformed.reason !== "InvalidEvent") return undefined
  try {
    const json: unknown = JSON.parse(malformed.data)
    return typeof json === "object" && json !== null && !Array.isArray(json)
      ? { ...(json as Record<string, unknown>), name: malformed.name }
      : undefined
  } catch {
    return undefined
  }
}

/** Opens the stream; resolves once connected. */
export const open = (options: {
  readonly Emitter: EmitterClass
  readonly uri: string
  readonly streamOptions: Parameters<typeof streamWithStatus>[0]
  /** adds the token and the per-call state to the stream's effect */
  readonly prepare: <A, E>(
    effect: Effect.Effect<A, E, ParticleClient.ParticleClient>
  ) => Effect.Effect<A, E, ParticleClient.ParticleClient>
  readonly runner: Runner
}): Promise<EventStream> =>
  new Promise((resolve, reject) => {
    const es = new options.Emitter() as EmitterLike & { uri: string; abort: () => void }
    es.uri = options.uri
    let settled = false
    let aborted = false
    let ended = false
    let state: "connecting" | "connected" | "waiting" = "connecting"

    // events wait for the first listener: none is lost before the caller's `.then` attached one
    const gate = Deferred.unsafeMake<void>(FiberId.none)
    let gateOpen = false
    const openGate = () => {
      if (gateOpen) return
      gateOpen = true
      Deferred.unsafeDone(gate, Exit.void)
    }
    const onNewListener = (name: string | symbol) => {
      if (name !== "newListener" && name !== "removeListener") openGate()
    }
    es.on("newListener", onNewListener)

    const emitSafe = (event: string, arg?: unknown): void => {
      if (aborted) return
      try {
        if (arg === undefined) es.emit(event)
        else es.emit(event, arg)
      } catch (error) {
        if (event !== "error") emitSafe("error", error)
      }
    }
    const settle = (error: ParticleApiError) => {
      if (settled) return
      settled = true
      reject(error)
    }
    const end = (error: ParticleApiError | undefined) => {
      if (ended) return
      ended = true
      emitSafe("end", error)
    }

    const handle = (item: StreamItem): Effect.Effect<void> => {
      if (aborted) return Effect.interrupt
      switch (item._tag) {
        case "Connecting":
          state = "connecting"
          if (item.attempt > 0) emitSafe("reconnect")
          return Effect.void
        case "Connected":
          state = "connected"
          if (!settled) {
            settled = true
            resolve(es)
          } else emitSafe("reconnect-success")
          return Effect.void
        case "Reconnecting": {
          const error = fromParticleError(item.cause)
          if (!settled) {
            // particle-api-js rejects when the first connection fails, whatever the reason
            settle(error)
            return Effect.interrupt
          }
          if (state === "connected") emitSafe("disconnect")
          else emitSafe("reconnect-error", error)
          state = "waiting"
          return Effect.void
        }
        case "Stopped": {
          const cause = Option.getOrUndefined(item.error)
          const error = cause === undefined || cause._tag === "MalformedEvent"
            ? undefined
            : fromParticleError(cause as ParticleError.ParticleError)
          if (!settled) {
            if (error !== undefined) settle(error)
            return Effect.void
          }
          if (state === "connected") emitSafe("disconnect")
          else if (state === "connecting") emitSafe("reconnect-error", error)
          end(error)
          return Effect.void
        }
        case "Event":
          return Effect.zipRight(Deferred.await(gate), Effect.sync(() => emitSafe("event", payload(item))))
        case "MalformedEvent": {
          const loose = looseEvent(item)
          return loose === undefined
            ? Effect.void
            : Effect.zipRight(Deferred.await(gate), Effect.sync(() => emitSafe("event", loose)))
        }
      }
    }

    const fiber = options.runner.fork(
      options.prepare(Stream.runForEach(streamWithStatus(options.streamOptions), handle))
    )
    es.abort = () => {
      if (aborted) return
      aborted = true
      es.removeAllListeners()
      openGate()
      fiber.unsafeInterruptAsFork(FiberId.none)
    }
    fiber.addObserver((exit) => {
      options.runner.done()
      if (Exit.isSuccess(exit) || Exit.isInterrupted(exit)) {
        if (!settled) settle(unexpected(new Error("The event stream ended before it connected")))
        return
      }
      const failure = Option.getOrUndefined(Cause.failureOption(exit.cause))
      const error = failure !== undefined && typeof failure === "object" && failure !== null && "_tag" in failure &&
          (failure as { _tag: string })._tag !== "MalformedEvent"
        ? fromParticleError(failure as ParticleError.ParticleError)
        : unexpected(failure ?? Cause.squash(exit.cause))
      if (!settled) settle(error)
      else end(error)
    })
  })
