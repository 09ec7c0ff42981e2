/**
 * The request every operation and every event-stream connection becomes, as an immutable value, and the
 * response head it gets back: what a `ParticleClient.Middleware` sees on both transports.
 *
 * @since 0.2.0
 */
import type * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import * as reader from "./internal/reader.js"
import type { TransportError } from "./ParticleError.js"

/**
 * @since 0.2.0
 * @category models
 */
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * An encoded request body.
 *
 * @since 0.2.0
 * @category models
 */
export interface Body {
  readonly contentType: string
  readonly content: string | Uint8Array
}

/**
 * A request about to be sent. Header names are lower case. The access token is not a header here: it is
 * kept `Redacted` (so a middleware that logs requests cannot leak it) and the transport sends it as
 * `Authorization: Bearer`, to the base URL only.
 *
 * @since 0.2.0
 * @category models
 */
export interface ParticleRequest {
  readonly method: Method
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Body | undefined
  readonly accessToken: Redacted.Redacted<string> | undefined
}

/**
 * The status and headers of a response (names lower case), before its body is read.
 *
 * @since 0.2.0
 * @category models
 */
export interface ParticleResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
}

/**
 * A copy of the request with one header set (the name is lower-cased).
 *
 * @example
 * ```ts
 * import { ParticleRequest } from "@effect-particle/core"
 *
 * declare const request: ParticleRequest.ParticleRequest
 * const tagged = ParticleRequest.setHeader(request, "x-tenant", "acme")
 * ```
 *
 * @since 0.2.0
 * @category combinators
 */
export const setHeader: {
  (name: string, value: string): (self: ParticleRequest) => ParticleRequest
  (self: ParticleRequest, name: string, value: string): ParticleRequest
} = /*#__PURE__*/ dual(3, (self: ParticleRequest, name: string, value: string): ParticleRequest => ({
  ...self,
  headers: { ...self.headers, [name.toLowerCase()]: value }
}))

/**
 * A copy of the request without a header.
 *
 * @since 0.2.0
 * @category combinators
 */
export const removeHeader: {
  (name: string): (self: ParticleRequest) => ParticleRequest
  (self: ParticleRequest, name: string): ParticleRequest
} = /*#__PURE__*/ dual(2, (self: ParticleRequest, name: string): ParticleRequest => {
  const key = name.toLowerCase()
  if (!Object.hasOwn(self.headers, key)) return self
  const { [key]: _, ...headers } = self.headers
  return { ...self, headers }
})

/**
 * A streamed response body read by its owner without an Effect per read (what the event stream's parser
 * uses):
 *
 * - `read()` takes every byte received and not read yet, or returns `null` when none is waiting;
 * - `wait(onReady)` then calls `onReady` once, when bytes arrive, the body ends or it fails, and returns a
 *   function that cancels the wait;
 * - `done()` says the body ended and was read to its end; `failure()` the error that broke it.
 *
 * Nothing is read from the network that was not asked for (backpressure holds), and at most one chunk is
 * read ahead.
 *
 * @since 0.2.0
 * @category models
 */
export interface BodyReader {
  readonly read: () => Uint8Array | null
  readonly wait: (onReady: () => void) => () => void
  readonly done: () => boolean
  readonly failure: () => TransportError | undefined
}

/**
 * The reader of a streamed body (an `Operation.stream` response), in the caller's scope: the transport's own
 * reader when it has one (the Node layer reads the socket in paused mode, the fetch layer the web body), or
 * one over the `Stream` otherwise. Read the body either way, never both.
 *
 * @example
 * ```ts
 * import { ParticleRequest } from "@effect-particle/core"
 * import { Effect } from "effect"
 * import type { Stream } from "effect"
 *
 * declare const body: Stream.Stream<Uint8Array, any>
 * const firstBytes = Effect.scoped(Effect.flatMap(ParticleRequest.bodyReader(body), (reader) =>
 *   Effect.async<Uint8Array | null>((resume) => {
 *     const bytes = reader.read()
 *     if (bytes !== null || reader.done()) return resume(Effect.succeed(bytes))
 *     const cancel = reader.wait(() => resume(Effect.sync(() => reader.read())))
 *     return Effect.sync(cancel)
 *   })))
 * ```
 *
 * @since 0.2.0
 * @category streams
 */
export const bodyReader: <E extends TransportError>(
  body: Stream.Stream<Uint8Array, E>
) => Effect.Effect<BodyReader, never, Scope.Scope> = reader.of
