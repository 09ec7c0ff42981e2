/**
 * The `ParticleClient` service: base URL, `Authorization: Bearer` from a `Redacted` token, timeouts, the
 * shared rate limiter, the default retry policy and typed errors. Every operation of every
 * `@effect-particle` package runs on it.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as internal from "./internal/client.js"
import type { InvalidInput } from "./ParticleError.js"

/**
 * The service tag. Operations need it in their context; provide it with one of the layers below.
 *
 * @since 0.1.0
 * @category tags
 */
export const ParticleClient: typeof internal.ParticleClient = internal.ParticleClient

/**
 * @since 0.1.0
 * @category tags
 */
export type ParticleClient = internal.ParticleClient

/**
 * What the service offers to operation packages: `execute` runs an `Operation` definition, `openStream`
 * opens a long-lived GET (server-sent events) through the stream-open rate limit.
 *
 * @since 0.1.0
 * @category models
 */
export type Service = internal.Service

/**
 * Client options. Everything is optional; the defaults are what Particle's documentation asks of a client.
 *
 * - `baseUrl`: default `https://api.particle.io`.
 * - `accessToken`: sent as `Authorization: Bearer` to `baseUrl` only, never in a URL.
 * - `userAgent`: default `effect-particle/<version>`.
 * - `timeout`: per request, default 30 s; a timeout is a `TransportError` with reason `Timeout`.
 * - `rateLimit`: shared by every fiber using this client; default 10,000 requests per 5 minutes (Particle's
 *   per-IP limit), held as a sliding window; `false` turns it off.
 * - `streamRateLimit`: event-stream opens, default 100 per 5 minutes; `false` turns it off.
 * - `retry`: the default policy for GET and HEAD (see `Retry.schedule`); `false` turns it off. Other
 *   methods are never retried unless you compose it.
 * - `tracePropagation`: send `traceparent`/`b3` headers to Particle; default `false`.
 * - `readFile`: reads upload paths; the Node entry sets it.
 *
 * @since 0.1.0
 * @category models
 */
export type Options = internal.Options

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
  Layer.effect(internal.ParticleClient, internal.make(options))

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
  Layer.unwrapEffect(
    Effect.map(
      Config.all({
        accessToken: Config.option(Config.redacted("PARTICLE_ACCESS_TOKEN")),
        baseUrl: Config.withDefault(Config.string("PARTICLE_API_URL"), internal.DEFAULT_BASE_URL)
      }),
      ({ accessToken, baseUrl }) => layer({ ...options, baseUrl, accessToken: Option.getOrUndefined(accessToken) })
    )
  )

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
export const fetchLayer: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer.pipe(
  Layer.provide(Layer.succeed(FetchHttpClient.RequestInit, { redirect: "manual" }))
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
