import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as E from "../ParticleError.js"
import type { ParticleRequest } from "../ParticleRequest.js"
import * as Gate from "./gate.js"
import { fromReadableStream } from "./reader.js"
import { readerStream } from "./readerStream.js"
import type { Buffered, SendOptions, Streamed, Transport } from "./transport.js"
import { networkError, timeoutError, tooLargeError, wireHeaders } from "./transport.js"
import { corsHint, readCapped } from "./web.js"

/**
 * A transport over the platform's own `fetch` (browsers, workers, Deno, Bun, Node), with no
 * `@effect/platform` in between: one `Effect.async` per call, a plain timer for its timeout, an
 * `AbortController` for interruption, the body read with its size bound. Redirects are not followed.
 */

const headersOf = (headers: Headers): Record<string, string> => {
  const out: Record<string, string> = {}
  headers.forEach((value, key) => {
    out[key] = value
  })
  return out
}

const requestInit = (request: ParticleRequest, signal: AbortSignal): RequestInit => {
  const init: RequestInit = { method: request.method, headers: wireHeaders(request), redirect: "manual", signal }
  if (request.body !== undefined) init.body = request.body.content as BodyInit
  return init
}

export const make = (fetchImpl: typeof globalThis.fetch, maxSockets: number): Transport => {
  const decoder = new TextDecoder()
  // a browser limits its connections itself; elsewhere at most `maxSockets` short calls are in flight, a
  // permit passed on a turn of the event loop later (when Node's fetch has put the connection back in its pool)
  const withSocket = Gate.make(maxSockets, Gate.nextTurn)
  const failure = (request: ParticleRequest, cause: unknown) =>
    networkError(request.method, request.url, "Network", cause, corsHint())

  const send = (request: ParticleRequest, options: SendOptions): Effect.Effect<Buffered, E.TransportError> =>
    withSocket(exchange(request, options))

  const exchange = (request: ParticleRequest, options: SendOptions): Effect.Effect<Buffered, E.TransportError> =>
    Effect.async<Buffered, E.TransportError>((resume) => {
      const { method, url } = request
      const controller = new AbortController()
      let done = false
      const finish = (effect: Effect.Effect<Buffered, E.TransportError>) => {
        if (done) return
        done = true
        clearTimeout(timer)
        resume(effect)
      }
      const timer = setTimeout(() => {
        controller.abort()
        finish(Effect.fail(timeoutError(method, url, options.timeout)))
      }, Duration.toMillis(options.timeout))
      fetchImpl(url, requestInit(request, controller.signal)).then(
        (response) => {
          const status = response.status
          if (Number(response.headers.get("content-length")) > options.maxBytes) {
            controller.abort()
            return finish(Effect.fail(tooLargeError(method, url, options.maxBytes)))
          }
          const empty = method === "HEAD" || status === 204 || status === 304
          return (empty ? Promise.resolve(new Uint8Array(0)) : readCapped(response, options.maxBytes)).then(
            (bytes) => {
              if (bytes === undefined) return finish(Effect.fail(tooLargeError(method, url, options.maxBytes)))
              finish(Effect.succeed({
                status,
                headers: headersOf(response.headers),
                body: options.binary && status >= 200 && status < 300 ? bytes : decoder.decode(bytes)
              }))
            },
            (cause) => finish(Effect.fail(networkError(method, url, "Body", cause)))
          )
        },
        (cause) => finish(Effect.fail(failure(request, cause)))
      )
      return Effect.sync(() => {
        done = true
        clearTimeout(timer)
        controller.abort()
      })
    })

  const open = (request: ParticleRequest, options: { readonly timeout: Duration.Duration }) =>
    Effect.acquireRelease(
      Effect.sync(() => new AbortController()),
      // closing the scope aborts the request, even while a read is waiting
      (controller) => Effect.sync(() => controller.abort())
    ).pipe(Effect.flatMap((controller) =>
      Effect.async<Streamed, E.TransportError>((resume) => {
        const { method, url } = request
        let done = false
        const timer = setTimeout(() => {
          done = true
          controller.abort()
          resume(Effect.fail(timeoutError(method, url, options.timeout, "response headers")))
        }, Duration.toMillis(options.timeout))
        fetchImpl(url, requestInit(request, controller.signal)).then(
          (response) => {
            if (done) return
            done = true
            clearTimeout(timer)
            const bodyFailure = (cause: unknown) => networkError(method, url, "Body", cause)
            const source = response.body
            resume(Effect.succeed({
              status: response.status,
              headers: headersOf(response.headers),
              body: readerStream(() => source === null ? undefined : fromReadableStream(source, bodyFailure)),
              text: Effect.tryPromise({ try: () => response.text(), catch: bodyFailure })
            }))
          },
          (cause) => {
            if (done) return
            done = true
            clearTimeout(timer)
            resume(Effect.fail(failure(request, cause)))
          }
        )
        return Effect.sync(() => {
          done = true
          clearTimeout(timer)
          controller.abort()
        })
      })
    ))

  return { send, open }
}
