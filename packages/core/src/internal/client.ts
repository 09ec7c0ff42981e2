import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Tracer from "effect/Tracer"
import type { Body, Definition, Scope as RouteScope } from "../Operation.js"
import * as E from "../ParticleError.js"
import * as Retry from "../Retry.js"
import * as httpError from "./httpError.js"
import * as Limiter from "./limiter.js"
import * as Query from "./query.js"
import { version } from "./version.js"

// ---------------------------------------------------------------------------------------------------------
// options and service
// ---------------------------------------------------------------------------------------------------------

export interface Options {
  readonly baseUrl?: string | undefined
  readonly accessToken?: Redacted.Redacted<string> | undefined
  readonly userAgent?: string | undefined
  readonly timeout?: Duration.DurationInput | undefined
  readonly rateLimit?: false | { readonly limit: number; readonly interval: Duration.DurationInput } | undefined
  readonly streamRateLimit?: false | { readonly limit: number; readonly interval: Duration.DurationInput } | undefined
  readonly retry?: false | Retry.Options | undefined
  readonly tracePropagation?: boolean | undefined
  readonly readFile?: ((path: string) => Promise<Uint8Array>) | undefined
}

export const DEFAULT_BASE_URL = "https://api.particle.io"

const nativeTracer: Tracer.Tracer = /*#__PURE__*/ Context.get(DefaultServices.liveServices, Tracer.Tracer)

export interface StreamRequest {
  readonly path: string
  readonly query?: { readonly [key: string]: Query.QueryValue } | undefined
}

export interface Service {
  readonly baseUrl: string
  readonly execute: <I, A>(operation: Prepared<I, A>, options: unknown) => Effect.Effect<A, E.ParticleError>
  readonly openStream: (
    request: StreamRequest
  ) => Effect.Effect<
    HttpClientResponse.HttpClientResponse,
    E.HttpStatusError | E.TransportError | E.InvalidInput,
    Scope.Scope
  >
}

export class ParticleClient extends Context.Tag("@effect-particle/core/ParticleClient")<ParticleClient, Service>() {}

export const currentAccessToken = globalValue(
  Symbol.for("@effect-particle/core/currentAccessToken"),
  () => FiberRef.unsafeMake<Option.Option<Redacted.Redacted<string>>>(Option.none())
)

export const withAccessToken =
  (token: Redacted.Redacted<string>) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.locally(effect, currentAccessToken, Option.some(token))

// ---------------------------------------------------------------------------------------------------------
// prepared operations: everything that does not depend on the call is computed once
// ---------------------------------------------------------------------------------------------------------

export const scopePrefix: Record<RouteScope, string> = {
  user: "/v1",
  product: "/v1/products/{product}",
  org: "/v1/orgs/{org}",
  root: ""
}

export const routeTemplate = (definition: Definition<any, any, any, any>, scope: RouteScope): string =>
  scopePrefix[scope] + (definition.paths?.[scope] ?? definition.path)

type Segment = string | { readonly field: string }

const compile = (template: string): ReadonlyArray<Segment> => {
  const out: Array<Segment> = []
  const re = /\{(\w+)\}/g
  let last = 0
  for (let m = re.exec(template); m !== null; m = re.exec(template)) {
    if (m.index > last) out.push(template.slice(last, m.index))
    out.push({ field: m[1]! })
    last = m.index + m[0].length
  }
  if (last < template.length) out.push(template.slice(last))
  return out
}

const baseTags = ["TransportError", "DecodeError", "InvalidInput", "RateLimited", "ServerError", "UnexpectedStatus"]

export const allowedTags = (definition: Definition<any, any, any, any>): ReadonlyArray<string> => [
  ...baseTags,
  ...(definition.auth ? ["Unauthorized", "Forbidden"] : []),
  ...definition.errors.map((error) => (error as unknown as { _tag: string })._tag).filter((tag) =>
    !baseTags.includes(tag) && !(definition.auth && (tag === "Unauthorized" || tag === "Forbidden"))
  )
]

type ResponseKind = "json" | "binary" | "none"

export interface Prepared<I, A> {
  readonly definition: Definition<I, any, A, any>
  readonly decodeInput: (u: unknown) => Either.Either<I, ParseResult.ParseError>
  readonly decodeSuccess: (u: unknown) => Either.Either<A, ParseResult.ParseError>
  readonly routes: ReadonlyArray<{ readonly scope: RouteScope; readonly template: string; readonly segments: ReadonlyArray<Segment> }>
  readonly allowed: ReadonlySet<string>
  readonly response: ResponseKind
  readonly idempotent: boolean
  readonly spanName: string
}

export const prepare = <I, A>(definition: Definition<I, any, A, any>): Prepared<I, A> => {
  const response: ResponseKind = definition.success === (Schema.Uint8ArrayFromSelf as unknown)
    ? "binary"
    : definition.success === (Schema.Void as unknown)
    ? "none"
    : "json"
  // org wins over product, product over user (particle-api-js order)
  const order: ReadonlyArray<RouteScope> = ["org", "product", "user", "root"]
  return {
    definition,
    decodeInput: Schema.decodeUnknownEither(definition.input, { errors: "first", onExcessProperty: "ignore" }),
    decodeSuccess: Schema.decodeUnknownEither(definition.success, { onExcessProperty: "ignore" }),
    routes: order.filter((scope) => definition.scopes.includes(scope)).map((scope) => {
      const template = routeTemplate(definition, scope)
      return { scope, template, segments: compile(template) }
    }),
    allowed: new Set(allowedTags(definition)),
    response,
    idempotent: definition.method === "GET" || definition.method === "HEAD",
    spanName: `particle.${definition.name}`
  }
}

export const execute = <I, A>(prepared: Prepared<I, A>, options: unknown) =>
  Effect.flatMap(ParticleClient, (client) => client.execute(prepared, options))

// ---------------------------------------------------------------------------------------------------------
// input errors
// ---------------------------------------------------------------------------------------------------------

const inputError = (error: ParseResult.ParseError): E.InvalidInput => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "options"
  const reason = issue ? (issue._tag === "Missing" ? "is required" : issue.message) : "is invalid"
  return E.invalidInput(field, reason)
}

const buildPath = <I>(prepared: Prepared<I, any>, input: I): Either.Either<{ path: string; route: string }, E.InvalidInput> => {
  const values = input as Record<string, unknown>
  const route = prepared.routes.find((r) =>
    r.scope === "org" ? values.org !== undefined : r.scope === "product" ? values.product !== undefined : true
  )
  if (route === undefined) {
    const scope = prepared.routes[0]?.scope ?? "product"
    return Either.left(E.invalidInput(scope, "is required"))
  }
  let path = ""
  for (const segment of route.segments) {
    if (typeof segment === "string") {
      path += segment
      continue
    }
    const value = values[segment.field]
    if (value === undefined || value === null || value === "") {
      return Either.left(E.invalidInput(segment.field, "is required"))
    }
    path += encodeURIComponent(String(value))
  }
  return Either.right({ path, route: route.template })
}

// ---------------------------------------------------------------------------------------------------------
// the client
// ---------------------------------------------------------------------------------------------------------

const validateBaseUrl = (baseUrl: string): Either.Either<string, E.InvalidInput> => {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return Either.left(E.invalidInput("baseUrl", "must be an absolute http(s) URL"))
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return Either.left(E.invalidInput("baseUrl", "must use http or https"))
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    return Either.left(E.invalidInput("baseUrl", "must not contain credentials, a query or a fragment"))
  }
  return Either.right(url.origin + url.pathname.replace(/\/+$/, ""))
}

const missingToken = E.invalidInput(
  "accessToken",
  "is required: pass accessToken, set PARTICLE_ACCESS_TOKEN, or use ParticleClient.withAccessToken"
)
const emptyToken = E.invalidInput("accessToken", "must not be empty")

/** A network failure (no answer) or a broken response body, as a `TransportError`. */
export const networkError = (method: string, url: string, reason: "Network" | "Body", cause: unknown) =>
  new E.TransportError({
    method,
    url,
    reason,
    cause,
    message: `${reason === "Body" ? "Response body failed" : "Network error"} from ${method} ${url}`
  })

const transportError = (method: string, url: string, error: HttpClientError.HttpClientError): E.TransportError =>
  networkError(method, url, error._tag === "ResponseError" ? "Body" : "Network", error.cause ?? error)

const decodeError = (status: number, method: string, url: string, path: string, issue: string) =>
  new E.DecodeError({
    status,
    method,
    url,
    path,
    issue,
    message: `Unexpected response from ${method} ${url}: ${path === "" ? "" : `at ${path}: `}${issue}`
  })

const bodyOf = (body: Body, readFile: Options["readFile"]): Effect.Effect<HttpBody.HttpBody, E.InvalidInput> => {
  switch (body._tag) {
    case "Json":
      return Effect.succeed(HttpBody.text(JSON.stringify(body.value), "application/json"))
    case "Form":
      return Effect.succeed(HttpBody.text(Query.stringify(body.value), "application/x-www-form-urlencoded"))
    case "Multipart":
      return Effect.gen(function*() {
        const form = new FormData()
        let index = 0
        for (const [filename, content] of Object.entries(body.files)) {
          index++
          const name = index === 1 ? "file" : `file${index}`
          const partName = filename.replace(/\\/g, "/")
          if (typeof content === "string") {
            if (readFile === undefined) {
              return yield* Effect.fail(
                E.invalidInput(`files.${filename}`, "is a file path, which needs the Node layer (@effect-particle/core/node)")
              )
            }
            const bytes = yield* Effect.tryPromise({
              try: () => readFile(content),
              catch: (cause) =>
                E.invalidInput(`files.${filename}`, `cannot be read: ${(cause as Error)?.message ?? String(cause)}`)
            })
            form.append(name, new Blob([bytes as BlobPart]), partName)
          } else if (content instanceof Uint8Array) {
            form.append(name, new Blob([content as BlobPart]), partName)
          } else {
            form.append(name, content, partName)
          }
        }
        for (const [key, value] of Object.entries(body.fields)) {
          if (value !== undefined) form.append(key, String(value))
        }
        return HttpBody.formData(form)
      })
  }
}

// ---------------------------------------------------------------------------------------------------------
// transports: one buffered request/response exchange. The generic one runs over any HttpClient; the Node
// entry supplies a short path over node:http (see nodeHttpClient.ts), which is what keeps the per-request
// CPU cost near a bare node:http call.
// ---------------------------------------------------------------------------------------------------------

export interface RawRequest {
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: HttpBody.HttpBody | undefined
  /** Read a 2xx body as bytes instead of text. */
  readonly binary: boolean
}

export interface RawResponse {
  readonly status: number
  readonly retryAfter: string | undefined
  /** bytes for a binary 2xx answer, text otherwise */
  readonly body: string | Uint8Array
}

export type Transport = (request: RawRequest, timeout: Duration.Duration) => Effect.Effect<RawResponse, E.TransportError>

export const timeoutError = (method: string, url: string, timeout: Duration.Duration) =>
  new E.TransportError({
    method,
    url,
    reason: "Timeout",
    message: `No complete response from ${method} ${url} within ${Duration.format(timeout)}`
  })

const fromHttpClient = (httpClient: HttpClient.HttpClient): Transport => (request, timeout) => {
  const { method, url } = request
  return httpClient.execute(
    HttpClientRequest.make(method as "GET")(
      url,
      request.body === undefined ? { headers: request.headers } : { headers: request.headers, body: request.body } as {}
    )
  ).pipe(
    Effect.flatMap((response) => {
      const ok = response.status >= 200 && response.status < 300
      const body: Effect.Effect<string | Uint8Array, HttpClientError.ResponseError> = ok && request.binary
        ? Effect.map(response.arrayBuffer, (buffer) => new Uint8Array(buffer))
        : response.text
      return Effect.map(body, (body): RawResponse => ({
        status: response.status,
        retryAfter: response.headers["retry-after"],
        body
      }))
    }),
    Effect.catchAll((error) => Effect.fail(transportError(method, url, error))),
    Effect.timeoutFail({ duration: timeout, onTimeout: () => timeoutError(method, url, timeout) })
  )
}

export const make = (options: Options, fastTransport?: Transport) =>
  Effect.gen(function*() {
    const baseUrl = yield* validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL)
    if (options.accessToken !== undefined && Redacted.value(options.accessToken).trim() === "") {
      return yield* Effect.fail(emptyToken)
    }
    const defaultToken = Option.fromNullable(options.accessToken)
    const httpClient = (yield* HttpClient.HttpClient).pipe(
      HttpClient.withTracerPropagation(options.tracePropagation ?? false),
      // one span per operation is ours; the transport's own span would double every request
      HttpClient.withTracerDisabledWhen(() => true)
    )
    const userAgent = options.userAgent ?? `effect-particle/${version}`
    const timeout = Duration.decode(options.timeout ?? "30 seconds")
    const limiter = options.rateLimit === false
      ? Limiter.unlimited
      : Limiter.make(options.rateLimit?.limit ?? 10_000, options.rateLimit?.interval ?? "5 minutes")
    const streamLimiter = options.streamRateLimit === false
      ? Limiter.unlimited
      : Limiter.make(options.streamRateLimit?.limit ?? 100, options.streamRateLimit?.interval ?? "5 minutes")
    const retrySchedule = options.retry === false ? undefined : Retry.schedule(options.retry ?? {})
    const readFile = options.readFile

    const tokenFor = (override: Option.Option<Redacted.Redacted<string>>): Either.Either<string, E.InvalidInput> => {
      const token = Option.isSome(override) ? override : defaultToken
      if (Option.isNone(token)) return Either.left(missingToken)
      const value = Redacted.value(token.value)
      return value.trim() === "" ? Either.left(emptyToken) : Either.right(value)
    }

    // trace propagation needs the HttpClient's header injection, so it takes the generic path
    const transport = fastTransport !== undefined && options.tracePropagation !== true
      ? fastTransport
      : fromHttpClient(httpClient)

    const statusError = (response: RawResponse, method: string, url: string, allowed: ReadonlySet<string> | undefined) =>
      Effect.flatMap(Effect.clockWith((clock) => clock.currentTimeMillis), (nowMillis) =>
        Effect.fail(httpError.fromResponse({
          status: response.status,
          method,
          url,
          text: typeof response.body === "string" ? response.body : new TextDecoder().decode(response.body),
          retryAfter: response.retryAfter,
          nowMillis,
          allowed
        })))

    const decodeSuccess = <A>(prepared: Prepared<any, A>, response: RawResponse, url: string): Effect.Effect<A, E.DecodeError> => {
      if (prepared.response === "binary") {
        return Effect.succeed(
          (typeof response.body === "string" ? new TextEncoder().encode(response.body) : response.body) as A
        )
      }
      if (prepared.response === "none") return Effect.void as Effect.Effect<A>
      const method = prepared.definition.method
      const text = response.body as string
      let json: unknown
      if (text.length === 0) json = {}
      else {
        try {
          json = JSON.parse(text)
        } catch {
          return Effect.fail(decodeError(response.status, method, url, "", "the body is not valid JSON"))
        }
      }
      const decoded = prepared.decodeSuccess(json)
      if (Either.isRight(decoded)) return Effect.succeed(decoded.right)
      const issue = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)[0]
      return Effect.fail(
        decodeError(
          response.status,
          method,
          url,
          issue ? issue.path.map(String).join(".") : "",
          issue ? (issue._tag === "Missing" ? "is missing" : issue.message) : "does not match"
        )
      )
    }

    const execute = <I, A>(prepared: Prepared<I, A>, options: unknown): Effect.Effect<A, E.ParticleError> =>
      Effect.withFiberRuntime<A, E.ParticleError>((fiber) => {
        const definition = prepared.definition
        const decoded = prepared.decodeInput(options)
        if (Either.isLeft(decoded)) return Effect.fail(inputError(decoded.left))
        const input = decoded.right
        const built = buildPath(prepared, input)
        if (Either.isLeft(built)) return Effect.fail(built.left)
        const { path, route } = built.right
        const query = definition.query ? Query.stringify(definition.query(input)) : ""
        const url = baseUrl + path + (query === "" ? "" : "?" + query)
        const method = definition.method
        const headers: Record<string, string> = { "user-agent": userAgent }
        if (prepared.response === "json") headers.accept = "application/json"
        if (definition.auth) {
          const token = tokenFor(fiber.getFiberRef(currentAccessToken))
          if (Either.isLeft(token)) return Effect.fail(token.left)
          headers.authorization = `Bearer ${token.right}`
        }
        if (definition.headers) Object.assign(headers, definition.headers(input))
        const body = definition.body?.(input)

        const send = (httpBody: HttpBody.HttpBody | undefined) => {
          const raw: RawRequest = { method, url, headers, body: httpBody, binary: prepared.response === "binary" }
          const attempt: Effect.Effect<A, E.ParticleError> = limiter(Effect.flatMap(transport(raw, timeout), (response): Effect.Effect<A, E.ParticleError> => {
            const span = fiber.currentSpan
            span?._tag === "Span" && span.attribute("http.response.status_code", response.status)
            return response.status >= 200 && response.status < 300
              ? decodeSuccess(prepared, response, url)
              : statusError(response, method, url, prepared.allowed)
          }))
          if (retrySchedule === undefined || !prepared.idempotent) return attempt
          // the schedule is only set up after a first retryable failure, which it sees as its first input
          const schedule = retrySchedule
          return Effect.catchIf(attempt, Retry.isRetryable, (first) => {
            let replayed = false
            return Effect.retry(
              Effect.suspend((): Effect.Effect<A, E.ParticleError> =>
                replayed ? attempt : ((replayed = true), Effect.fail(first))
              ),
              schedule
            )
          })
        }

        const run = body === undefined
          ? send(undefined)
          : Effect.flatMap(bodyOf(body, readFile), send)
        // Effect's built-in tracer exports nothing: a span there would only cost time (~12 µs a call)
        if (fiber.currentTracer === nativeTracer) return run
        return Effect.withSpan(run, prepared.spanName, {
          kind: "client",
          captureStackTrace: false,
          attributes: { "http.request.method": method, "http.route": route }
        })
      })

    const openStream = (request: StreamRequest) =>
      Effect.withFiberRuntime<
        HttpClientResponse.HttpClientResponse,
        E.HttpStatusError | E.TransportError | E.InvalidInput,
        Scope.Scope
      >((fiber) => {
        const token = tokenFor(fiber.getFiberRef(currentAccessToken))
        if (Either.isLeft(token)) return Effect.fail(token.left)
        const query = request.query ? Query.stringify(request.query) : ""
        const url = baseUrl + request.path + (query === "" ? "" : "?" + query)
        const httpRequest = HttpClientRequest.get(url, {
          headers: {
            "user-agent": userAgent,
            accept: "text/event-stream",
            authorization: `Bearer ${token.right}`
          }
        })
        const connect = HttpClient.withScope(httpClient).execute(httpRequest).pipe(
          Effect.catchAll((error) => Effect.fail(transportError("GET", url, error))),
          Effect.flatMap((response) =>
            response.status >= 200 && response.status < 300
              ? Effect.succeed(response)
              : Effect.flatMap(Effect.orElseSucceed(response.text, () => ""), (text) =>
                statusError(
                  { status: response.status, retryAfter: response.headers["retry-after"], body: text },
                  "GET",
                  url,
                  undefined
                ))
          ),
          Effect.timeoutFail({
            duration: timeout,
            onTimeout: () =>
              new E.TransportError({
                method: "GET",
                url,
                reason: "Timeout",
                message: `No response headers from GET ${url} within ${Duration.format(timeout)}`
              })
          })
        )
        return streamLimiter(connect)
      })

    return ParticleClient.of({ baseUrl, execute, openStream })
  })
