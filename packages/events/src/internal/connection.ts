import type { ParticleClient } from "@effect-particle/core"
import { ParticleError } from "@effect-particle/core"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
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

/** The items a connection emits: events, malformed events, and its `Connected` status. */
export type Item<S> = Event.ParticleEvent | Event.MalformedEvent | S

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

/**
 * One connection: opens the stream (through the client, so the stream-open limit, middleware and the token
 * apply), emits `connected`, then the events parsed from the body. Silence past `idleTimeout` (not even a
 * keep-alive) fails it, watched by one fiber per connection on Effect's clock; the end of the body fails it
 * too (the stream is infinite). The request and its reader live in this connection's scope.
 */
export const connect = <S>(
  config: Config,
  url: string,
  connected: S,
  health: Health
): Stream.Stream<Item<S>, ConnectionError | Event.MalformedEvent, ParticleClient.ParticleClient> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const body = yield* openEventStream(config.scope)
    const clock = yield* Effect.clock
    const connectedAt = clock.unsafeCurrentTimeMillis()
    health.connected(connectedAt)
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

    let out: Array<Event.ParticleEvent | Event.MalformedEvent> = []
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
        out.push(Event.malformed(issue.event, issue.data, issue.reason, issueText(issue, config.maxEventSize)))
      }
    }, config.maxEventSize)
    const take = (): Chunk.Chunk<Event.ParticleEvent | Event.MalformedEvent> => {
      if (out.length === 0) return Chunk.empty()
      const items = out
      out = []
      if (items.length > malformed) health.delivered()
      return Chunk.unsafeFromArray(items)
    }
    const parsed = body.pipe(
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

    let items: Stream.Stream<Item<S>, ConnectionError | Event.MalformedEvent>
    if (config.failOnMalformed) {
      let failure: Event.MalformedEvent | undefined
      items = parsed.pipe(
        Stream.takeUntil((item) => item._tag === "MalformedEvent" && (failure = item, true)),
        Stream.filter((item) => item._tag !== "MalformedEvent"),
        Stream.concat(Stream.suspend(() => Stream.fail(failure ?? ended(url))))
      )
    } else {
      items = parsed.pipe(
        Stream.mapChunksEffect((chunk) => {
          if (malformed === 0) return Effect.succeed(chunk)
          malformed = 0
          return Effect.as(
            Effect.forEach(chunk, (item) => item._tag === "MalformedEvent" ? logMalformed(item) : Effect.void, {
              discard: true
            }),
            chunk
          )
        }),
        Stream.concat(Stream.failSync(() => ended(url)))
      )
    }
    return Stream.concat(Stream.succeed(connected), items)
  }))
