import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ParticleRequest } from "../ParticleRequest.js"
import type { Buffered, Streamed, Transport } from "./transport.js"
import { networkError, timeoutError, wireHeaders } from "./transport.js"

/**
 * A transport over any `@effect/platform` `HttpClient` (the fetch layer uses `FetchHttpClient`, which runs
 * in browsers, Deno, Bun, workers and Node). The client's own spans and trace headers are turned off: the
 * operation's span is ours, and trace headers go to Particle only when asked for.
 */
export const make = (httpClient: HttpClient.HttpClient): Transport => {
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

  const failure = (request: ParticleRequest) => (error: HttpClientError.HttpClientError) =>
    networkError(request.method, request.url, error._tag === "ResponseError" ? "Body" : "Network", error.cause ?? error)

  const send: Transport["send"] = (request, options) =>
    client.execute(toHttp(request)).pipe(
      Effect.flatMap((response) => {
        const ok = response.status >= 200 && response.status < 300
        const body: Effect.Effect<string | Uint8Array, HttpClientError.ResponseError> = ok && options.binary
          ? Effect.map(response.arrayBuffer, (buffer) => new Uint8Array(buffer))
          : response.text
        return Effect.map(body, (body): Buffered => ({ status: response.status, headers: response.headers, body }))
      }),
      Effect.catchAll((error) => Effect.fail(failure(request)(error))),
      Effect.timeoutFail({
        duration: options.timeout,
        onTimeout: () => timeoutError(request.method, request.url, options.timeout)
      })
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
        body: Stream.mapError(response.stream, failure(request)),
        text: Effect.mapError(response.text, failure(request))
      }))
    )

  return { send, open }
}
