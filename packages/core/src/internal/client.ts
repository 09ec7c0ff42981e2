import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as Tracer from "effect/Tracer"
import type { File, Operation } from "../Operation.js"
import type { Middleware, Options, Service } from "../ParticleClient.js"
import * as E from "../ParticleError.js"
import type { ParticleRequest, ParticleResponse } from "../ParticleRequest.js"
import * as Retry from "../Retry.js"
import * as Body from "./body.js"
import * as httpError from "./httpError.js"
import * as Limiter from "./limiter.js"
import { prepare, type Prepared, resolve } from "./operation.js"
import { DEFAULT_BASE_URL, resolve as resolveOptions, type Resolved, validateToken } from "./options.js"
import * as Query from "./query.js"
import { scrubError } from "./scrub.js"
import { currentAccessToken } from "./service.js"
import type { Buffered, Streamed, Transport } from "./transport.js"

/** What a platform entry supplies: its transport (built once the options are known), and a file reader. */
export interface Platform {
  readonly transport: (options: Resolved) => Effect.Effect<Transport, never, Scope.Scope>
  /** whether a `User-Agent` is sent when none is configured (not by a browser's fetch) */
  readonly userAgentByDefault?: boolean | undefined
  /** reads upload paths (Node only) */
  readonly readFile?: Body.ReadFile | undefined
}

export { DEFAULT_BASE_URL }

/** The retry policy in milliseconds, with `Retry.schedule`'s defaults. */
const retryPolicy = (options: Exclude<Resolved["retry"], false>) => ({
  times: options.times ?? 3,
  base: options.base === undefined ? 250 : Duration.toMillis(options.base),
  maxDelay: options.maxDelay === undefined ? 10_000 : Duration.toMillis(options.maxDelay),
  maxRetryAfter: options.maxRetryAfter === undefined ? 60_000 : Duration.toMillis(options.maxRetryAfter)
})

const nativeTracer: Tracer.Tracer = /*#__PURE__*/ Context.get(DefaultServices.liveServices, Tracer.Tracer)

export const withAccessToken =
  (token: Redacted.Redacted<string>) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.locally(effect, currentAccessToken, Option.some(token))

const missingToken = E.invalidInput(
  "accessToken",
  "is required: pass accessToken, set PARTICLE_ACCESS_TOKEN, or use ParticleClient.withAccessToken"
)

/** Per-call tokens are validated once each (`withAccessToken` may be given the same one for every call). */
const validated = new WeakMap<Redacted.Redacted<string>, Either.Either<Redacted.Redacted<string>, E.InvalidInput>>()
const validTokenOf = (token: Redacted.Redacted<string>) => {
  let result = validated.get(token)
  if (result === undefined) {
    result = Redacted.isRedacted(token)
      ? validateToken(token)
      : Either.left(E.invalidInput("accessToken", "must be a Redacted<string> (Redacted.make(token))"))
    validated.set(token, result)
  }
  return result
}

const MAX_ISSUE = 500
const bounded = (text: string) => (text.length > MAX_ISSUE ? text.slice(0, MAX_ISSUE) + "…" : text)

const decodeError = (status: number, method: string, url: string, path: string, issue: string) => {
  const short = bounded(issue)
  return new E.DecodeError({
    status,
    method,
    url,
    path,
    issue: short,
    message: `Unexpected response from ${method} ${url}: ${path === "" ? "" : `at ${path}: `}${short}`
  })
}

/** `traceparent` and `b3` of the current span, for `tracePropagation: true`. */
const propagateTrace: Middleware = (request, next) =>
  Effect.flatMap(Effect.option(Effect.currentSpan), (span) => {
    if (Option.isNone(span)) return next(request)
    const { sampled, spanId, traceId } = span.value
    return next({
      ...request,
      headers: {
        ...request.headers,
        traceparent: `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`,
        b3: `${traceId}-${spanId}-${sampled ? "1" : "0"}`
      }
    })
  })

const filenameOf = (disposition: string | undefined): string | undefined => {
  if (disposition === undefined) return undefined
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim().replace(/^"|"$/g, ""))
    } catch {
      // fall through to the plain parameter
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1]
}

// ---------------------------------------------------------------------------------------------------------
// the client
// ---------------------------------------------------------------------------------------------------------

export const make = (
  options: Options,
  platform: Platform
): Effect.Effect<Service, E.InvalidInput, Scope.Scope> =>
  Effect.gen(function*() {
    const resolved = yield* resolveOptions(options, platform.userAgentByDefault ?? true)
    const { baseUrl, timeout, userAgent } = resolved
    const defaultToken = resolved.accessToken
    const limiterOf = (name: "requests" | "streams", budget: Resolved["rateLimit"]) =>
      budget === false
        ? Effect.succeed(Limiter.unlimited)
        : Effect.map(resolved.rateLimiter({ name, ...budget }), (l) => l.withPermit)
    const limiter = yield* limiterOf("requests", resolved.rateLimit)
    const streamLimiter = yield* limiterOf("streams", resolved.streamRateLimit)
    const retry = resolved.retry === false ? undefined : retryPolicy(resolved.retry)
    /**
     * `Retry.schedule`'s policy, stepped by hand (no `Schedule` is built per call, nor loaded at all): the
     * n-th retry waits `base · 2ⁿ`, jittered by ×0.8–1.2 and capped at `maxDelay`, or the `Retry-After` of a
     * 429 when longer (capped at `maxRetryAfter`); at most `times` retries, while the error is retryable.
     */
    const retried = (
      attempt: Effect.Effect<unknown, E.ParticleError>,
      error: E.ParticleError,
      n: number
    ): Effect.Effect<unknown, E.ParticleError> => {
      const policy = retry!
      if (n >= policy.times || !Retry.isRetryable(error)) return Effect.fail(error)
      return Effect.flatMap(Random.next, (random) => {
        let delay = Math.min(policy.base * 2 ** n * (0.8 * (1 - random) + 1.2 * random), policy.maxDelay)
        if (error._tag === "RateLimited" && Option.isSome(error.retryAfter)) {
          delay = Math.max(delay, Math.min(Duration.toMillis(error.retryAfter.value), policy.maxRetryAfter))
        }
        // flatMap, not zipRight: Effect.zipRight loads Effect.all's machinery (its concurrent option)
        return Effect.flatMap(
          Effect.sleep(Duration.millis(delay)),
          () => Effect.catchAll(attempt, (next) => retried(attempt, next, n + 1))
        )
      })
    }
    const transport = yield* platform.transport(resolved)
    const readFile = platform.readFile

    const middlewares: ReadonlyArray<Middleware> = [
      ...(resolved.tracePropagation ? [propagateTrace] : []),
      ...resolved.middleware
    ]
    /** Runs `last` behind every middleware, the first one outermost. */
    const through = <Res extends ParticleResponse, R>(
      request: ParticleRequest,
      last: (request: ParticleRequest) => Effect.Effect<Res, E.TransportError, R>
    ): Effect.Effect<Res, E.TransportError, R> => {
      if (middlewares.length === 0) return last(request)
      const step = (i: number) => (r: ParticleRequest): Effect.Effect<Res, E.TransportError, R> =>
        i === middlewares.length ? last(r) : middlewares[i]!(r, step(i + 1))
      return step(0)(request)
    }

    const tokenFor = (
      override: Option.Option<Redacted.Redacted<string>>
    ): Either.Either<Redacted.Redacted<string>, E.InvalidInput> =>
      Option.isSome(override)
        ? validTokenOf(override.value)
        : Option.isSome(defaultToken)
        ? Either.right(defaultToken.value)
        : Either.left(missingToken)

    const statusError = (
      response: ParticleResponse,
      text: string,
      method: string,
      url: string,
      allowed: ReadonlySet<string>
    ) =>
      Effect.flatMap(
        Effect.clockWith((clock) => clock.currentTimeMillis),
        (nowMillis) =>
          Effect.fail(httpError.fromResponse({
            status: response.status,
            method,
            url,
            text,
            retryAfter: response.headers["retry-after"],
            nowMillis,
            allowed
          }))
      )

    const decodeSuccess = (
      prepared: Prepared,
      response: Buffered,
      method: string,
      url: string
    ): Effect.Effect<unknown, E.DecodeError> => {
      switch (prepared.response._tag) {
        case "Empty":
          return Effect.void
        case "Raw": {
          const { body, headers, status } = response
          if (typeof body !== "string") return Effect.succeed({ status, headers, body })
          let parsed: unknown = body.length === 0 ? {} : body
          try {
            if (body.length > 0) parsed = JSON.parse(body)
          } catch {
            // not JSON: the text as it came
          }
          return Effect.succeed({ status, headers, body: parsed })
        }
        case "Bytes":
        case "File": {
          const bytes = typeof response.body === "string" ? new TextEncoder().encode(response.body) : response.body
          if (prepared.response._tag === "Bytes") return Effect.succeed(bytes)
          const headers = response.headers
          const file: File = {
            bytes,
            headers,
            contentType: headers["content-type"],
            filename: filenameOf(headers["content-disposition"])
          }
          return Effect.succeed(file)
        }
        default: {
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
          const decoded = prepared.decodeJson!(json)
          if (Either.isRight(decoded)) return Effect.succeed(decoded.right)
          const issue = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)[0]
          return Effect.fail(decodeError(
            response.status,
            method,
            url,
            issue ? issue.path.map(String).join(".") : "",
            issue ? (issue._tag === "Missing" ? "is missing" : issue.message) : "does not match"
          ))
        }
      }
    }

    const statusAttribute = (span: Tracer.AnySpan | undefined, status: number) => {
      if (span?._tag === "Span") span.attribute("http.response.status_code", status)
    }

    const execute = <A, Err, R>(operation: Operation<any, A, Err, R>, callOptions: unknown): Effect.Effect<A, Err, R> =>
      Effect.withFiberRuntime<unknown, E.ParticleError, Scope.Scope>((fiber) => {
        const prepared = prepare(operation.definition)
        const definition = prepared.definition
        const resolution = resolve(prepared, callOptions)
        if (Either.isLeft(resolution)) return Effect.fail(resolution.left)
        const { input, selected: { absolute, target, template } } = resolution.right
        let url = absolute ? target : baseUrl + target
        if (definition.query !== undefined) {
          const query = Query.stringify(definition.query(input))
          if (query !== "") url += (url.includes("?") ? "&" : "?") + query
        }
        const method = definition.method
        const kind = prepared.response._tag
        const headers: Record<string, string> = {}
        if (userAgent !== undefined) headers["user-agent"] = userAgent
        if (kind === "Json" || (prepared.response._tag === "Raw" && !prepared.response.binary)) {
          headers.accept = "application/json"
        } else if (kind === "Stream") headers.accept = "text/event-stream"
        if (definition.headers !== undefined) Object.assign(headers, definition.headers(input))
        // the token goes to the base URL only: an absolute URL elsewhere (a download link) gets none
        let accessToken: Redacted.Redacted<string> | undefined
        if (prepared.auth && (!absolute || url.startsWith(baseUrl + "/"))) {
          const token = tokenFor(fiber.getFiberRef(currentAccessToken))
          if (Either.isLeft(token)) return Effect.fail(token.left)
          accessToken = token.right
        }
        const callTimeout = prepared.timeout !== undefined && Duration.greaterThan(prepared.timeout, timeout)
          ? prepared.timeout
          : timeout

        const send = (body: Body.Encoded | undefined): Effect.Effect<unknown, E.ParticleError, Scope.Scope> => {
          const request: ParticleRequest = { method, url, headers, body, accessToken }
          if (kind === "Stream") {
            return streamLimiter(Effect.flatMap(
              through<Streamed, Scope.Scope>(request, (r) => transport.open(r, { timeout: callTimeout })),
              (response) => {
                statusAttribute(fiber.currentSpan, response.status)
                return response.status >= 200 && response.status < 300
                  ? Effect.succeed(response.body)
                  : Effect.flatMap(
                    Effect.orElseSucceed(response.text, () => ""),
                    (text) => statusError(response, text, method, url, prepared.allowed)
                  )
              }
            ))
          }
          const binary = kind === "Bytes" || kind === "File" ||
            (prepared.response._tag === "Raw" && prepared.response.binary)
          const sendOptions = {
            timeout: callTimeout,
            binary,
            maxBytes: binary ? resolved.maxDownloadBytes : resolved.maxResponseBytes
          }
          const attempt: Effect.Effect<unknown, E.ParticleError> = limiter(Effect.flatMap(
            through<Buffered, never>(request, (r) => transport.send(r, sendOptions)),
            (response): Effect.Effect<unknown, E.ParticleError> => {
              statusAttribute(fiber.currentSpan, response.status)
              return response.status >= 200 && response.status < 300
                ? decodeSuccess(prepared, response, method, url)
                : statusError(response, response.body as string, method, url, prepared.allowed)
            }
          ))
          if (retry === undefined || !prepared.idempotent) return attempt
          // the policy is only looked at after a first retryable failure
          return Effect.catchIf(attempt, Retry.isRetryable, (first) => retried(attempt, first, 0))
        }

        const body = definition.body?.(input)
        const sent = body === undefined ? send(undefined) : Effect.flatMap(Body.encode(body, readFile), send)
        // no error of ours carries the caller's token, even where Particle echoes it (a 403's `info`)
        // (a failure-only handler: `catchAll` would also run a success continuation on every call)
        const run = Effect.catchAllCause(
          sent,
          (cause) => Effect.failCause(Cause.map(cause, (error) => scrubError(error, accessToken)))
        )
        // Effect's built-in tracer exports nothing: a span there would only cost time (~12 µs a call)
        if (fiber.currentTracer === nativeTracer) return run
        return Effect.withSpan(run, prepared.spanName, {
          kind: "client",
          captureStackTrace: false,
          attributes: { "http.request.method": method, "http.route": template }
        })
      }) as Effect.Effect<any, any, any>

    return { baseUrl, execute }
  })
