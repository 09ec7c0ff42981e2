import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { TransportError } from "../ParticleError.js"
import { attach, type BodyReader } from "./reader.js"

const ended: BodyReader = {
  read: () => null,
  wait: () => () => {},
  done: () => true,
  failure: () => undefined
}

/**
 * A body reader as an Effect `Stream` (for callers that run the body themselves), marked with the same
 * reader so that an owner (the event stream) can read it directly instead. The reader is made on first use.
 */
export const readerStream = (make: () => BodyReader | undefined): Stream.Stream<Uint8Array, TransportError> => {
  let reader: BodyReader | undefined
  const pull: Effect.Effect<Chunk.Chunk<Uint8Array>, Option.Option<TransportError>> = Effect.suspend(() => {
    reader ??= make() ?? ended
    const bytes = reader.read()
    if (bytes !== null) return Effect.succeed(Chunk.of(bytes))
    const error = reader.failure()
    if (error !== undefined) return Effect.fail(Option.some(error))
    if (reader.done()) return Effect.fail(Option.none())
    const r = reader
    return Effect.async<Chunk.Chunk<Uint8Array>, Option.Option<TransportError>>((resume) =>
      Effect.sync(r.wait(() => resume(pull)))
    )
  })
  return attach(Stream.repeatEffectChunkOption(pull), () => reader ??= make() ?? ended)
}
