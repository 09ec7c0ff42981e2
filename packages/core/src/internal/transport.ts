import * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import * as E from "../ParticleError.js"
import type { ParticleRequest, ParticleResponse } from "../ParticleRequest.js"
import { safeCause } from "./scrub.js"

/** A whole response: the body as text, or as bytes for a binary 2xx answer. */
export interface Buffered extends ParticleResponse {
  readonly body: string | Uint8Array
}

/** A response whose body is read as it arrives (event streams). `text` reads the rest (error bodies). */
export interface Streamed extends ParticleResponse {
  readonly body: Stream.Stream<Uint8Array, E.TransportError>
  readonly text: Effect.Effect<string, E.TransportError>
}

export interface SendOptions {
  readonly timeout: Duration.Duration
  /** read a 2xx body as bytes rather than text */
  readonly binary: boolean
  /** the largest body read; a larger one fails the exchange (reason `TooLarge`) */
  readonly maxBytes: number
}

/**
 * What a platform supplies: one buffered exchange, and one streamed exchange whose connection lives in the
 * caller's scope. Both send the request exactly as given (they never mutate it) and never follow redirects.
 */
export interface Transport {
  readonly send: (request: ParticleRequest, options: SendOptions) => Effect.Effect<Buffered, E.TransportError>
  readonly open: (
    request: ParticleRequest,
    options: { readonly timeout: Duration.Duration }
  ) => Effect.Effect<Streamed, E.TransportError, Scope.Scope>
}

/**
 * The headers a transport adds to the request's own (the token, the body's type), set on `target`: a node
 * request as it is, or the record {@link wireHeaders} builds.
 */
export const addHeaders = (
  request: ParticleRequest,
  target: { readonly setHeader: (name: string, value: string) => unknown }
): void => {
  if (request.accessToken !== undefined) {
    target.setHeader("authorization", `Bearer ${Redacted.value(request.accessToken)}`)
  }
  if (request.body !== undefined) target.setHeader("content-type", request.body.contentType)
}

/** The headers a transport puts on the wire for a request. */
export const wireHeaders = (request: ParticleRequest): Record<string, string> => {
  const headers: Record<string, string> = { ...request.headers }
  addHeaders(request, {
    setHeader: (name, value) => {
      headers[name] = value
    }
  })
  return headers
}

/**
 * A network failure (no answer) or a broken response body, as a `TransportError`. The cause keeps only its
 * name, message and code: a platform error may hold the whole request, token included.
 */
export const networkError = (method: string, url: string, reason: "Network" | "Body", cause: unknown, hint?: string) =>
  new E.TransportError({
    method,
    url,
    reason,
    cause: safeCause(cause),
    message: `${reason === "Body" ? "Response body failed" : "Network error"} from ${method} ${url}${
      hint ? `: ${hint}` : ""
    }`
  })

/** A response body over the client's bound, as a `TransportError` (nothing more of it is read). */
export const tooLargeError = (method: string, url: string, maxBytes: number) =>
  new E.TransportError({
    method,
    url,
    reason: "TooLarge",
    message:
      `The response body from ${method} ${url} is larger than ${maxBytes} bytes (maxResponseBytes / maxDownloadBytes)`
  })

export const timeoutError = (
  method: string,
  url: string,
  timeout: Duration.Duration,
  what: string | undefined = "complete response"
) =>
  new E.TransportError({
    method,
    url,
    reason: "Timeout",
    message: `No ${what} from ${method} ${url} within ${Duration.format(timeout)}`
  })

/** The chunks of a body as one array of `size` bytes (the chunk itself when there is one). */
export const concatBytes = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}
