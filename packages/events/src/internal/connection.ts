import type { ParticleClient } from "@effect-particle/core"
import { ParticleError, ParticleRequest } from "@effect-particle/core"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Event from "../Event.js"
import { openEventStream } from "./eventStream.js"
import type { Config } from "./options.js"
import { type SseIssue, SseParser } from "./sse.js"

/** What a connection tells the reconnect loop about its health. */
export interface Health {
  readonly connected: (atMillis: number) => void
  readonly delivered: () => void
}

/** The events a connection emits (with `published_at` a `Date`, or the string in raw mode). */
export type AnyEvent = Event.ParticleEvent | Event.RawEvent

/** The items a connection emits: events, malformed events (when asked for), and its `Connected` status. */
export type Item<S> = AnyEvent | Event.MalformedEvent | S

export type ConnectionError = ParticleError.HttpStatusError | ParticleError.TransportError | ParticleError.InvalidInput

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

const preview = (s: string) => (s.length > 200 ? s.slice(0, 200) + "…" : s)

const logMalformed = (m: Event.MalformedEvent) =>
  Effect.logWarning(`Skipped a malformed Particle event: ${m.issue}`).pipe(
    Effect.annotateLogs({ event: m.name, reason: m.reason, data: preview(m.data) })
  )

const issueText = (issue: SseIssue, maxEventSize: number) =>
  issue.reason === "LineTooLong"
    ? `a line is longer than ${maxEventSize} characters; it was dropped`
    : issue.reason === "EventTooLarge"
    ? `the event data is longer than ${maxEventSize} characters; it was dropped`
    : issue.reason === "MissingData"
    ? "an event: line was followed by no data: line"
    : "the connection ended in the middle of an event"

const isMalformed = (item: AnyEvent | Event.MalformedEvent): item is Event.MalformedEvent =>
  item._tag === "MalformedEvent"

type Pull<A> = Effect.Effect<Chunk.Chunk<A>, Option.Option<ConnectionError | Event.MalformedEvent>>

/**
 * One connection: opens the stream (through the client, so the stream-open limit, middleware and the token
 * apply), emits `connected` (when given), then the events parsed from the body, and the malformed ones when
 * `emitMalformed` (they are logged, or fail the stream, either way).
 *
 * The connection owns its body reader: each pull takes everything the transport has buffered, parses it
 * and hands the events over in one chunk; only when nothing is buffered does it wait (one `Effect.async`),
 * so nothing is read that the consumer did not ask for. Silence past `idleTimeout` (not even a keep-alive)
 * while the consumer waits fails it, watched by one fiber per connection on Effect's clock, never a timer
 * raced against every read; the end of the body fails it too (the stream is infinite). The request, its
 * reader and the watchdog live in this connection's scope.
 */
export const connect = <S>(
  config: Config,
  url: string,
  connected: Option.Option<S>,
  onConnected: Effect.Effect<void> | undefined,
  emitMalformed: boolean,
  health: Health
): Stream.Stream<Item<S>, ConnectionError | Event.MalformedEvent, ParticleClient.ParticleClient> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const body = yield* openEventStream(config.scope)
    const reader = yield* ParticleRequest.bodyReader(body)
    const clock = yield* Effect.clock
    const connectedAt = clock.unsafeCurrentTimeMillis()
    health.connected(connectedAt)
    if (onConnected !== undefined) yield* onConnected
    const idleMillis = Duration.toMillis(config.idleTimeout)
    let lastActivity = connectedAt
    let failure: ConnectionError | Event.MalformedEvent | undefined
    /** wakes the pull waiting for bytes, if one is */
    let waker: (() => void) | undefined

    yield* Effect.forkScoped(Effect.suspend(function watch(): Effect.Effect<void> {
      const left = lastActivity + idleMillis - clock.unsafeCurrentTimeMillis()
      if (left <= 0 && waker !== undefined) {
        failure ??= silent(url, config.idleTimeout)
        waker()
        return Effect.void
      }
      return Effect.zipRight(Effect.sleep(Duration.millis(left > 0 ? left : idleMillis)), Effect.suspend(watch))
    }))

    const raw = config.raw
    let out: Array<AnyEvent | Event.MalformedEvent> = []
    let malformed = 0
    const parser = new SseParser({
      onMessage: (name, data) => {
        const item = Event.decodeItem(name, data, raw)
        if (item._tag === "MalformedEvent") malformed++
        out.push(item)
      },
      onIssue: (issue) => {
        malformed++
        out.push(Event.malformed(issue.event, issue.data, issue.reason, issueText(issue, config.maxEventSize)))
      }
    }, config.maxEventSize)
    let finished = false

    /** Hands over what was parsed: events, and malformed ones by the policy (logged, emitted, or failing). */
    const deliver = (): Pull<Item<S>> | undefined => {
      const items = out
      const bad = malformed
      out = []
      malformed = 0
      if (items.length > bad) health.delivered()
      if (bad === 0) return Effect.succeed(Chunk.unsafeFromArray(items))
      if (config.failOnMalformed) {
        const at = items.findIndex(isMalformed)
        failure = items[at] as Event.MalformedEvent
        return at === 0 ? undefined : Effect.succeed(Chunk.unsafeFromArray(items.slice(0, at)))
      }
      const logged = Effect.forEach(items.filter(isMalformed), logMalformed, { discard: true })
      const kept = emitMalformed ? items : items.filter((item) => !isMalformed(item))
      return kept.length === 0
        ? Effect.zipRight(logged, Effect.suspend(pull))
        : Effect.as(logged, Chunk.unsafeFromArray(kept))
    }

    const pull = (): Pull<Item<S>> => {
      for (;;) {
        if (failure !== undefined) return Effect.fail(Option.some(failure))
        const bytes = reader.read()
        if (bytes === null) break
        lastActivity = clock.unsafeCurrentTimeMillis()
        parser.push(bytes)
        if (out.length > 0) {
          const delivered = deliver()
          if (delivered !== undefined) return delivered
        }
      }
      const error = reader.failure()
      if (error !== undefined) return Effect.fail(Option.some(error))
      if (reader.done()) {
        if (!finished) {
          finished = true
          parser.end()
          if (out.length > 0) {
            const delivered = deliver()
            if (delivered !== undefined) return delivered
          }
        }
        return Effect.fail(Option.some(failure ?? ended(url)))
      }
      if (clock.unsafeCurrentTimeMillis() - lastActivity >= idleMillis) {
        return Effect.fail(Option.some(failure ??= silent(url, config.idleTimeout)))
      }
      return Effect.async<Chunk.Chunk<Item<S>>, Option.Option<ConnectionError | Event.MalformedEvent>>((resume) => {
        const ready = () => {
          waker = undefined
          cancel()
          resume(Effect.suspend(pull))
        }
        const cancel = reader.wait(ready)
        waker = ready
        return Effect.sync(() => {
          waker = undefined
          cancel()
        })
      })
    }

    const events = Stream.repeatEffectChunkOption(Effect.suspend(pull))
    return Option.isSome(connected) ? Stream.concat(Stream.succeed(connected.value), events) : events
  }))
