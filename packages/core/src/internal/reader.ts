import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { TransportError } from "../ParticleError.js"

/**
 * A response body read by its owner, without an Effect per read: `read()` takes everything received so far
 * (or `null`), `wait(onReady)` calls back once when there is more to read, the body ended or it failed.
 * Nothing is read from the network that was not asked for (backpressure), and one chunk at most is read
 * ahead.
 */
export interface BodyReader {
  readonly read: () => Uint8Array | null
  readonly wait: (onReady: () => void) => () => void
  /** the body ended and everything was read */
  readonly done: () => boolean
  readonly failure: () => TransportError | undefined
}

const ReaderSymbol: unique symbol = Symbol.for("@effect-particle/core/BodyReader") as any

/** Marks a body stream with the transport's own reader of the same bytes (the stream is then not run). */
export const attach = <S extends object>(stream: S, make: () => BodyReader | undefined): S =>
  Object.assign(stream, { [ReaderSymbol]: make })

/** A reader whose waits are driven by callbacks (the transports' readers share it). */
export class Signal {
  private waiter: (() => void) | undefined = undefined
  wait = (onReady: () => void) => {
    this.waiter = onReady
    return () => {
      if (this.waiter === onReady) this.waiter = undefined
    }
  }
  wake = () => {
    const waiter = this.waiter
    if (waiter !== undefined) {
      this.waiter = undefined
      waiter()
    }
  }
}

/**
 * A web `ReadableStream` as a reader: one `read()` of the platform's reader at a time, the next one started
 * as soon as a chunk is taken (so the network and the parser overlap), never more.
 */
export const fromReadableStream = (
  body: ReadableStream<Uint8Array>,
  onError: (cause: unknown) => TransportError
): BodyReader => {
  const reader = body.getReader()
  const signal = new Signal()
  let buffered: Uint8Array | null = null
  let pending = false
  let ended = false
  let failure: TransportError | undefined
  const onChunk = (result: ReadableStreamReadResult<Uint8Array>) => {
    pending = false
    if (result.done) ended = true
    else buffered = result.value
    signal.wake()
  }
  const onFailure = (cause: unknown) => {
    pending = false
    failure ??= onError(cause)
    signal.wake()
  }
  const fill = () => {
    if (pending || ended || failure !== undefined) return
    pending = true
    reader.read().then(onChunk, onFailure)
  }
  return {
    read: () => {
      const chunk = buffered
      buffered = null
      fill()
      return chunk
    },
    wait: signal.wait,
    done: () => ended && buffered === null,
    failure: () => buffered === null ? failure : undefined
  }
}

/** Any body stream as a reader, in `scope`: one pull of the stream at a time, run in its own fiber. */
const fromStream = <E extends TransportError>(
  stream: Stream.Stream<Uint8Array, E>
): Effect.Effect<BodyReader, never, Scope.Scope> =>
  Effect.gen(function*() {
    const pull = yield* Stream.toPull(stream)
    const runtime = yield* Effect.runtime<never>()
    const signal = new Signal()
    let buffered: Array<Uint8Array> = []
    let fiber: Fiber.RuntimeFiber<Chunk.Chunk<Uint8Array>, Option.Option<E>> | undefined
    let ended = false
    let failure: TransportError | undefined
    yield* Effect.addFinalizer(() => fiber === undefined ? Effect.void : Fiber.interrupt(fiber))
    const fill = () => {
      if (fiber !== undefined || ended || failure !== undefined) return
      const running = Runtime.runFork(runtime)(pull)
      fiber = running
      running.addObserver((exit) => {
        fiber = undefined
        if (Exit.isSuccess(exit)) buffered = Chunk.toArray(exit.value)
        else {
          const error = Cause.failureOption(exit.cause)
          if (Option.isSome(error) && Option.isNone(error.value)) ended = true
          else if (Option.isSome(error) && Option.isSome(error.value)) failure = error.value.value
          else if (!Cause.isInterruptedOnly(exit.cause)) ended = true
        }
        signal.wake()
      })
    }
    return {
      read: () => {
        const chunk = buffered.shift() ?? null
        if (buffered.length === 0) fill()
        return chunk
      },
      wait: signal.wait,
      done: () => ended && buffered.length === 0,
      failure: () => buffered.length === 0 ? failure : undefined
    }
  })

/** The reader of a body stream: the transport's own when it has one, else one over the stream. */
export const of = <E extends TransportError>(
  stream: Stream.Stream<Uint8Array, E>
): Effect.Effect<BodyReader, never, Scope.Scope> => {
  const make = (stream as { [ReaderSymbol]?: () => BodyReader | undefined })[ReaderSymbol]
  const own = make?.()
  return own === undefined ? fromStream(stream) : Effect.succeed(own)
}
