/**
 * The `ParticleClient` service: base URL, `Authorization: Bearer` from a `Redacted` token, timeouts, the
 * shared rate limiter, the default retry policy and typed errors. Every operation of every
 * `@effect-particle` package runs on it.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as internal from "./internal/client.js"
import { fromConfig } from "./internal/config.js"
import * as fetchTransport from "./internal/fetchTransport.js"
import * as web from "./internal/web.js"
import * as webTransport from "./internal/webTransport.js"
import type { Operation } from "./Operation.js"
import type { InvalidInput, TransportError } from "./ParticleError.js"
import type { ParticleRequest, ParticleResponse } from "./ParticleRequest.js"
import type * as RateLimit from "./RateLimit.js"
import type * as Retry from "./Retry.js"

/**
 * What the service offers to operation packages: its `baseUrl`, and `execute`, which runs an operation
 * with the caller's options (every `@effect-particle` function calls it).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The base URL requests go to (and the only place the access token is ever sent). */
  readonly baseUrl: string
  /** Runs an operation with the caller's options. */
  readonly execute: <A, E, R>(operation: Operation<any, A, E, R>, options: unknown) => Effect.Effect<A, E, R>
}

/**
 * The service tag. Operations need it in their context; provide it with one of the layers below.
 *
 * @since 0.1.0
 * @category tags
 */
export class ParticleClient extends Context.Tag("@effect-particle/core/ParticleClient")<ParticleClient, Service>() {}

/**
 * A middleware: every request (short calls and event-stream connections, on every transport) passes
 * through it, so it can add a header, log, or record a metric. It gets the request as an immutable value
 * and `next`, and returns what `next` returns; it sees the response head (status, headers), never the
 * token (which is `Redacted` on the request).
 *
 * @example
 * ```ts
 * import { ParticleClient, ParticleRequest } from "@effect-particle/core"
 * import { Effect, Metric } from "effect"
 *
 * const requests = Metric.counter("particle_requests")
 * const tenantHeader: ParticleClient.Middleware = (request, next) =>
 *   next(ParticleRequest.setHeader(request, "x-tenant", "acme")).pipe(
 *     Effect.tap(() => Metric.increment(requests))
 *   )
 * const layer = ParticleClient.layerFetch({ middleware: tenantHeader })
 * ```
 *
 * @since 0.2.0
 * @category models
 */
export type Middleware = <Res extends ParticleResponse, R>(
  request: ParticleRequest,
  next: (request: ParticleRequest) => Effect.Effect<Res, TransportError, R>
) => Effect.Effect<Res, TransportError, R>

/**
 * Client options. Everything is optional; the defaults are what Particle's documentation asks of a client.
 *
 * - `baseUrl`: default `https://api.particle.io`.
 * - `accessToken`: sent as `Authorization: Bearer` to `baseUrl` only, never in a URL.
 * - `userAgent`: default `effect-particle/<version>`, except in a browser, where none is sent unless given
 *   (the browser owns that header); `false` sends none.
 * - `timeout`: per request, default 30 s; a timeout is a `TransportError` with reason `Timeout`.
 * - `rateLimit`: shared by every fiber using this client; default 10,000 requests per 5 minutes (Particle's
 *   per-IP limit), held as a sliding window; `false` turns it off.
 * - `streamRateLimit`: event-stream opens, default 100 per 5 minutes; `false` turns it off.
 * - `rateLimiter`: where both budgets are kept: `RateLimit.inProcess` (the default), or a shared backend
 *   (e.g. Redis) so that several instances behind one IP share Particle's per-IP budgets.
 * - `retry`: the default policy for GET and HEAD (see `Retry.schedule`); `false` turns it off. Other
 *   methods are never retried unless you compose it.
 * - `tracePropagation`: send `traceparent`/`b3` headers to Particle; default `false`.
 * - `middleware`: one {@link Middleware} or several (the first is outermost), passed by every request.
 * - `maxSockets`: the most connections open at once for short calls (more calls wait), default 50.
 * - `maxResponseBytes`: the largest JSON or text body read, default 16 MiB; `maxDownloadBytes`: the largest
 *   binary download, default 512 MiB. A larger body fails with `TransportError` (reason `TooLarge`) as soon
 *   as it passes the bound.
 *
 * Every option is validated when the layer is built: a bad one fails the layer with `InvalidInput` naming
 * it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly baseUrl?: string | undefined
  readonly accessToken?: Redacted.Redacted<string> | undefined
  readonly userAgent?: string | false | undefined
  readonly timeout?: Duration.DurationInput | undefined
  readonly rateLimit?: false | { readonly limit: number; readonly interval: Duration.DurationInput } | undefined
  readonly streamRateLimit?: false | { readonly limit: number; readonly interval: Duration.DurationInput } | undefined
  readonly retry?: false | Retry.Options | undefined
  readonly tracePropagation?: boolean | undefined
  readonly middleware?: Middleware | ReadonlyArray<Middleware> | undefined
  readonly rateLimiter?: RateLimit.Backend | undefined
  readonly maxSockets?: number | undefined
  readonly maxResponseBytes?: number | undefined
  readonly maxDownloadBytes?: number | undefined
}

/**
 * Builds the client from an `HttpClient` in context. Fails with `InvalidInput` for a malformed `baseUrl`
 * or an empty token.
 *
 * @example
 * ```ts
 * import { ParticleClient } from "@effect-particle/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, Redacted } from "effect"
 *
 * const ClientLive = ParticleClient.layer({ accessToken: Redacted.make(process.env.TOKEN!) }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<ParticleClient, InvalidInput, HttpClient.HttpClient> =>
  Layer.scoped(
    ParticleClient,
    Effect.flatMap(HttpClient.HttpClient, (httpClient) =>
      internal.make(options, {
        transport: (resolved) => Effect.succeed(fetchTransport.make(httpClient, resolved.maxSockets)),
        userAgentByDefault: !web.isBrowser()
      }))
  )

/**
 * Reads `PARTICLE_ACCESS_TOKEN` (as `Redacted`) and `PARTICLE_API_URL` (default
 * `https://api.particle.io`) from the `ConfigProvider`; `options` supplies everything else.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<Options, "accessToken" | "baseUrl"> = {}
): Layer.Layer<ParticleClient, InvalidInput | ConfigError.ConfigError, HttpClient.HttpClient> =>
  fromConfig(layer)(options)

/**
 * {@link layer} with `FetchHttpClient`: runs on Node ≥ 20, browsers, Deno, Bun and workers with no
 * polyfills. On Node, `@effect-particle/core/node` is faster.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFetch = (options: Options = {}): Layer.Layer<ParticleClient, InvalidInput> =>
  Layer.provide(layer(options), fetchLayer)

/**
 * `FetchHttpClient` that does not follow redirects: the Particle API never redirects, and a redirect to
 * another host must not carry the token there.
 *
 * @since 0.1.0
 * @category layers
 */
export const fetchLayer: Layer.Layer<HttpClient.HttpClient> = /*#__PURE__*/ Layer.provide(
  FetchHttpClient.layer,
  /*#__PURE__*/ Layer.succeed(FetchHttpClient.RequestInit, { redirect: "manual" })
)

/**
 * The client over the platform's own `fetch`, without `@effect/platform`: the lightest layer for browsers,
 * workers, Deno and Bun (with rollup, the one-call browser bundle is about a fifth smaller than with
 * {@link layerFetch}; esbuild keeps every member of the `ParticleClient` namespace, so there it is the same
 * size; see BENCHMARKS.md). Same options, errors and behaviour as the other layers: redirects are not followed, a
 * network failure in a browser says it may be a CORS refusal, event streams are read from the web body.
 * `fetch` can be replaced (a test double, or a `fetch` with a proxy agent); it defaults to
 * `globalThis.fetch`. Use {@link layer} or {@link layerFetch} to compose `@effect/platform`'s `HttpClient`
 * (its middleware, a custom client).
 *
 * @example
 * ```ts
 * import { ParticleClient } from "@effect-particle/core"
 * import { getVariable } from "@effect-particle/devices"
 * import { Effect, Redacted } from "effect"
 *
 * const program = getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(
 *   Effect.provide(ParticleClient.layerWeb({ accessToken: Redacted.make("a token") }))
 * )
 * ```
 *
 * @since 0.2.0
 * @category layers
 */
export const layerWeb = (
  options: Options & { readonly fetch?: typeof globalThis.fetch | undefined } = {}
): Layer.Layer<ParticleClient, InvalidInput> =>
  Layer.scoped(
    ParticleClient,
    internal.make(options, {
      transport: (resolved) =>
        Effect.succeed(webTransport.make(options.fetch ?? globalThis.fetch, resolved.maxSockets)),
      userAgentByDefault: !web.isBrowser()
    })
  )

/**
 * {@link layerConfig} with `FetchHttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfigFetch = (
  options: Omit<Options, "accessToken" | "baseUrl"> = {}
): Layer.Layer<ParticleClient, InvalidInput | ConfigError.ConfigError> =>
  Layer.provide(layerConfig(options), fetchLayer)

/**
 * Runs an effect with another access token, e.g. one per tenant in a multi-tenant backend. The token is
 * used for every request of `effect`, including retries and event-stream reconnects.
 *
 * @example
 * ```ts
 * import { ParticleClient } from "@effect-particle/core"
 * import { listDevices } from "@effect-particle/devices"
 * import { Redacted } from "effect"
 *
 * const devicesOf = (token: Redacted.Redacted<string>) =>
 *   listDevices().pipe(ParticleClient.withAccessToken(token))
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const withAccessToken: (
  token: Redacted.Redacted<string>
) => <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R> = internal.withAccessToken
