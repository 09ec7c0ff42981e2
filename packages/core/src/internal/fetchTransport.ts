import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type * as E from "../ParticleError.js"
import type { ParticleRequest } from "../ParticleRequest.js"
import * as Gate from "./gate.js"
import { attach, fromReadableStream } from "./reader.js"
import type { Buffered, Streamed, Transport } from "./transport.js"
import { concatBytes, networkError, timeoutError, tooLargeError, wireHeaders } from "./transport.js"
import { corsHint, readCapped as readWebBody } from "./web.js"

/**
 * An unscoped call's response is the platform's `InterruptibleResponse`: the response it wraps is its
 * `original`, and its `controller` aborts the request.
 */
interface Wrapped {
  readonly original?: HttpClientResponse.HttpClientResponse
  readonly controller?: AbortController
}

/** The web `Response` under a platform response, when the client is fetch-based (`FetchHttpClient`). */
const webResponse = (response: HttpClientResponse.HttpClientResponse): Response | undefined => {
  const source = (((response as Wrapped).original ?? response) as { readonly source?: unknown }).source
  return typeof Response !== "undefined" && source instanceof Response ? source : undefined
}

/** Aborts the request of an unscoped call's response (a body read was interrupted: a timeout). */
const abort = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<void> =>
  Effect.sync(() => (response as Wrapped).controller?.abort())

/**
 * A transport over any `@effect/platform` `HttpClient` (the fetch layer uses `FetchHttpClient`, which runs
 * in browsers, Deno, Bun, workers and Node). The client's own spans and trace headers are turned off: the
 * operation's span is ours, and trace headers go to Particle only when asked for.
 */
export const make = (httpClient: HttpClient.HttpClient, maxSockets: number): Transport => {
  // fetch has no socket limit of its own on Node: at most `maxSockets` short calls are in flight at once
  // undici hands a connection back to its pool a turn after the body ends: the permit is passed on after
  // that turn (the caller is answered at once; waiting for the turn in the call cost ~1 ms of CPU per call),
  // or the next call would open a new connection instead of reusing it
  const withSocket = Gate.make(maxSockets, Gate.nextTurn)
  const client = httpClient.pipe(
    HttpClient.withTracerPropagation(false),
    HttpClient.withTracerDisabledWhen(() => true)
  )
  const scoped = HttpClient.withScope(client)

  const toHttp = (request: ParticleRequest): HttpClientRequest.HttpClientRequest => {
    const headers = wireHeaders(request)
    const body = request.body
    return HttpClientRequest.make(request.method)(request.url, {
      headers,
      ...(body === undefined ? {} : {
        body: typeof body.content === "string"
          ? HttpBody.text(body.content, body.contentType)
          : HttpBody.uint8Array(body.content, body.contentType)
      })
    })
  }

  const decoder = new TextDecoder()
  const empty = new Uint8Array(0)
  const failure = (request: ParticleRequest) => (error: HttpClientError.HttpClientError): E.TransportError => {
    if (error._tag === "ResponseError") return networkError(request.method, request.url, "Body", error.cause ?? error)
    // a browser reports a CORS refusal exactly as a network failure: say both, it cannot tell them apart
    return networkError(
      request.method,
      request.url,
      "Network",
      error.cause ?? error,
      corsHint()
    )
  }

  /** The whole body, or `TooLarge` as soon as it grows past `maxBytes` (decoded bytes: gzip cannot inflate past it). */
  const readCapped = (
    request: ParticleRequest,
    response: HttpClientResponse.HttpClientResponse,
    maxBytes: number
  ): Effect.Effect<Uint8Array, E.TransportError> => {
    // no body at all (the platform's stream fails on a null body)
    if (request.method === "HEAD" || response.status === 204 || response.status === 304) return Effect.succeed(empty)
    if (Number(response.headers["content-length"]) > maxBytes) {
      return Effect.fail(tooLargeError(request.method, request.url, maxBytes))
    }
    const source = webResponse(response)
    if (source !== undefined) {
      // the web body read directly: an Effect stream per response cost ~2× the CPU of the whole call
      return Effect.flatMap(
        Effect.tryPromise({
          try: () => readWebBody(source, maxBytes),
          catch: (cause) => networkError(request.method, request.url, "Body", cause)
        }),
        (bytes) =>
          bytes === undefined
            ? Effect.fail(tooLargeError(request.method, request.url, maxBytes))
            : Effect.succeed(bytes)
      ).pipe(Effect.onInterrupt(() => abort(response)))
    }
    const chunks: Array<Uint8Array> = []
    let size = 0
    return Stream.runForEachChunk(
      Stream.mapError(response.stream, failure(request)),
      (chunk) => {
        for (const bytes of chunk) {
          size += bytes.byteLength
          if (size > maxBytes) return Effect.fail(tooLargeError(request.method, request.url, maxBytes))
          chunks.push(bytes)
        }
        return Effect.void
      }
    ).pipe(Effect.map(() => concatBytes(chunks, size)))
  }

  const send: Transport["send"] = (request, options) =>
    withSocket(
      client.execute(toHttp(request)).pipe(
        Effect.mapError(failure(request)),
        Effect.flatMap((response) =>
          Effect.map(readCapped(request, response, options.maxBytes), (bytes): Buffered => ({
            status: response.status,
            headers: response.headers,
            body: options.binary && response.status >= 200 && response.status < 300 ? bytes : decoder.decode(bytes)
          }))
        ),
        Effect.timeoutFail({
          duration: options.timeout,
          onTimeout: () => timeoutError(request.method, request.url, options.timeout)
        })
      )
    )

  const open: Transport["open"] = (request, options) =>
    scoped.execute(toHttp(request)).pipe(
      Effect.catchAll((error) => Effect.fail(failure(request)(error))),
      Effect.timeoutFail({
        duration: options.timeout,
        onTimeout: () => timeoutError(request.method, request.url, options.timeout, "response headers")
      }),
      Effect.map((response: HttpClientResponse.HttpClientResponse): Streamed => ({
        status: response.status,
        headers: response.headers,
        // over fetch, the event stream reads the web body itself (no Effect stream per chunk)
        body: attach(Stream.mapError(response.stream, failure(request)), () => {
          const source = webResponse(response)
          return source !== undefined && source.body !== null
            ? fromReadableStream(
              source.body,
              (cause) => networkError(request.method, request.url, "Body", cause)
            )
            : undefined
        }),
        text: Effect.mapError(response.text, failure(request))
      }))
    )

  return { send, open }
}
