import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpBody from "@effect/platform/HttpBody"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Http from "node:http"
import * as Https from "node:https"
import type { RawRequest, RawResponse, Transport } from "./client.js"
import { networkError, timeoutError } from "./client.js"
import type * as E from "../ParticleError.js"

/**
 * A lean `HttpClient` over `node:http` with keep-alive agents. On Node 20 it costs markedly less CPU per
 * request than undici's `fetch` (see BENCHMARKS.md); it never follows redirects.
 */

class NodeResponse implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly source: Http.IncomingMessage
  ) {}

  private onError = (cause: unknown) =>
    new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })

  get status(): number {
    return this.source.statusCode ?? 0
  }
  private cachedHeaders: Headers.Headers | undefined
  get headers(): Headers.Headers {
    return this.cachedHeaders ??= Headers.fromInput(this.source.headers as Record<string, string | ReadonlyArray<string>>)
  }
  get cookies(): Cookies.Cookies {
    const header = this.source.headers["set-cookie"]
    return Array.isArray(header) ? Cookies.fromSetCookie(header) : Cookies.empty
  }
  get remoteAddress(): Option.Option<string> {
    return Option.fromNullable(this.source.socket?.remoteAddress)
  }

  private cachedBody: Promise<Buffer> | undefined
  private body(): Promise<Buffer> {
    return this.cachedBody ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Array<Buffer> = []
      this.source.on("data", (chunk: Buffer) => chunks.push(chunk))
      this.source.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
      this.source.once("error", reject)
      this.source.once("aborted", () => reject(new Error("response aborted")))
    })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.tryPromise({ try: () => this.body().then((b) => b.toString("utf8")), catch: this.onError })
  }
  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: () => (text === "" ? null : JSON.parse(text)), catch: this.onError }))
  }
  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.tryPromise({
      try: () => this.body().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer),
      catch: this.onError
    })
  }
  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.map(this.text, (text) => UrlParams.fromInput(new URLSearchParams(text)))
  }
  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.tryPromise({
      try: () =>
        this.body().then((b) =>
          new Response(new Uint8Array(b) as BodyInit, { headers: this.source.headers as Record<string, string> }).formData()
        ),
      catch: this.onError
    })
  }
  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    // Pull-based, in paused mode: each pull takes everything buffered so far with read() (large chunks,
    // few hand-offs), waits for 'readable' only when the buffer is empty (backpressure: nothing is read
    // from the socket that the consumer did not ask for), and the finalizer destroys the socket at once,
    // even while a pull is waiting.
    const source = this.source
    const onError = this.onError
    const pull: Effect.Effect<Chunk.Chunk<Uint8Array>, Option.Option<HttpClientError.ResponseError>> = Effect.suspend(
      () => {
        const chunk: Buffer | null = source.read()
        if (chunk !== null) return Effect.succeed(Chunk.of(chunk))
        if (source.readableEnded) return Effect.fail(Option.none())
        return Effect.async<Chunk.Chunk<Uint8Array>, Option.Option<HttpClientError.ResponseError>>((resume) => {
          const done = () => {
            source.off("readable", onReadable)
            source.off("end", onEnd)
            source.off("error", onFailure)
            source.off("aborted", onAborted)
          }
          const onReadable = () => (done(), resume(pull))
          const onEnd = () => (done(), resume(Effect.fail(Option.none())))
          const onFailure = (cause: unknown) => (done(), resume(Effect.fail(Option.some(onError(cause)))))
          const onAborted = () => onFailure(new Error("response aborted"))
          source.once("readable", onReadable)
          source.once("end", onEnd)
          source.once("error", onFailure)
          source.once("aborted", onAborted)
          return Effect.sync(done)
        })
      }
    )
    return Stream.repeatEffectChunkOption(pull).pipe(Stream.ensuring(Effect.sync(() => source.destroy())))
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
  toString(): string {
    return Inspectable.format(this.toJSON())
  }
  [Inspectable.NodeInspectSymbol](): unknown {
    return this.toJSON()
  }
}

/** Bytes and content type of a request body; a FormData is encoded by `Response` (it picks the boundary). */
const encodeBody = (body: HttpBody.HttpBody | undefined): Promise<EncodedBody> | EncodedBody => {
  if (body === undefined || body._tag === "Empty") return { bytes: undefined, contentType: undefined }
  if (body._tag === "Uint8Array") return { bytes: body.body, contentType: body.contentType }
  if (body._tag === "FormData") {
    const encoded = new Response(body.formData)
    return encoded.arrayBuffer().then((buffer) => ({
      bytes: new Uint8Array(buffer),
      contentType: encoded.headers.get("content-type") ?? undefined
    }))
  }
  throw new Error(`unsupported body ${body._tag}`)
}

interface EncodedBody {
  readonly bytes: Uint8Array | undefined
  readonly contentType: string | undefined
}

const bodyBytes = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<EncodedBody, HttpClientError.RequestError> =>
  Effect.tryPromise({
    try: async () => encodeBody(request.body),
    catch: (cause) => new HttpClientError.RequestError({ request, reason: "Encode", cause })
  })

export const make = (agents: { readonly http: Http.Agent; readonly https: Https.Agent }): HttpClient.HttpClient =>
  HttpClient.make((request, url, signal) =>
    Effect.flatMap(bodyBytes(request), ({ bytes, contentType }) =>
      Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
        const headers: Record<string, string> = { ...request.headers }
        if (contentType !== undefined) headers["content-type"] = contentType
        if (bytes !== undefined) headers["content-length"] = String(bytes.byteLength)
        const options: Http.RequestOptions = { method: request.method, headers, signal }
        const nodeRequest = url.protocol === "https:"
          ? Https.request(url, { ...options, agent: agents.https })
          : Http.request(url, { ...options, agent: agents.http })
        nodeRequest.once("response", (response) => resume(Effect.succeed(new NodeResponse(request, response))))
        nodeRequest.once("error", (cause) =>
          resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause }))))
        nodeRequest.end(bytes)
        return Effect.sync(() => nodeRequest.destroy())
      })
    )
  )

/** An `HttpClient` layer owning keep-alive agents, destroyed with the layer. */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(HttpClient.HttpClient, Effect.suspend(() => Effect.map(makeAgents, make)))

// ---------------------------------------------------------------------------------------------------------
// the short path: one buffered exchange, with the timeout as a plain timer, so a call costs one
// Effect.async and no HttpClient plumbing, no forked timeout fiber
// ---------------------------------------------------------------------------------------------------------

export const transport = (agents: { readonly http: Http.Agent; readonly https: Https.Agent }): Transport =>
(request: RawRequest, timeout: Duration.Duration) => {
  const { method, url } = request
  const send = (bytes: Uint8Array | undefined, contentType: string | undefined) =>
    Effect.async<RawResponse, E.TransportError>((resume) => {
      const headers = request.headers
      if (contentType !== undefined) headers["content-type"] = contentType
      if (bytes !== undefined) headers["content-length"] = String(bytes.byteLength)
      const https = url.charCodeAt(4) === 115 // "https:"
      const nodeRequest = (https ? Https : Http).request(url, {
        method,
        headers,
        agent: https ? agents.https : agents.http
      })
      let done = false
      const finish = (effect: Effect.Effect<RawResponse, E.TransportError>) => {
        if (done) return
        done = true
        clearTimeout(timer)
        resume(effect)
      }
      const timer = setTimeout(() => {
        nodeRequest.destroy()
        finish(Effect.fail(timeoutError(method, url, timeout)))
      }, Duration.toMillis(timeout))
      nodeRequest.once("response", (response) => {
        const status = response.statusCode ?? 0
        const chunks: Array<Buffer> = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.once("end", () => {
          const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
          const retryAfter = response.headers["retry-after"]
          finish(Effect.succeed({
            status,
            retryAfter,
            body: request.binary && status >= 200 && status < 300
              ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
              : buffer.toString("utf8")
          }))
        })
        response.once("error", (cause) => finish(Effect.fail(networkError(method, url, "Body", cause))))
        response.once("aborted", () => finish(Effect.fail(networkError(method, url, "Body", new Error("aborted")))))
      })
      nodeRequest.once("error", (cause) => finish(Effect.fail(networkError(method, url, "Network", cause))))
      nodeRequest.end(bytes)
      return Effect.sync(() => {
        done = true
        clearTimeout(timer)
        nodeRequest.destroy()
      })
    })
  let encoded: ReturnType<typeof encodeBody>
  try {
    encoded = encodeBody(request.body)
  } catch (cause) {
    return Effect.fail(networkError(method, url, "Network", cause))
  }
  return encoded instanceof Promise
    ? Effect.flatMap(
      Effect.tryPromise({ try: () => encoded, catch: (cause) => networkError(method, url, "Network", cause) }),
      ({ bytes, contentType }) => send(bytes, contentType)
    )
    : send(encoded.bytes, encoded.contentType)
}

export const makeAgents = Effect.acquireRelease(
  Effect.sync(() => ({
    http: new Http.Agent({ keepAlive: true }),
    https: new Https.Agent({ keepAlive: true })
  })),
  (agents) =>
    Effect.sync(() => {
      agents.http.destroy()
      agents.https.destroy()
    })
)
