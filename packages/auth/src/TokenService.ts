/**
 * A token service for long-running backends: a layer that provides a `ParticleClient` which obtains its
 * access token itself (from an OAuth client's credentials, or from a refresh token) on first use, shares it
 * across fibers, renews it before `expires_in` runs out, and retries a request once with a fresh token when
 * the cloud answers 401 `invalid_token`. None of the official clients has one.
 *
 * @since 0.1.0
 */
import { Operation, ParticleClient, ParticleError } from "@effect-particle/core"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import { createCustomerToken } from "./createCustomerToken.js"
import { loginAsClientOwner } from "./loginAsClientOwner.js"
import { refreshToken as refreshGrant } from "./refreshToken.js"
import type { Token } from "./Token.js"

/**
 * Where the service gets its tokens: see {@link clientCredentials} and {@link refreshToken}.
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 *
 * const source: TokenService.Source = process.env.PARTICLE_REFRESH_TOKEN
 *   ? TokenService.refreshToken({ refreshToken: process.env.PARTICLE_REFRESH_TOKEN })
 *   : TokenService.clientCredentials({ clientId: "fleet-backend-1234", clientSecret: process.env.PARTICLE_CLIENT_SECRET! })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Source = ClientCredentials | RefreshToken

/**
 * Tokens from an OAuth client's credentials (the `client_credentials` grant): a product client gets
 * product tokens; with `customer`, tokens scoped to that customer of the product.
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 *
 * const perCustomer = (customer: string): TokenService.Source =>
 *   TokenService.clientCredentials({ clientId: "fleet-backend-1234", clientSecret: process.env.SECRET!, customer })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface ClientCredentials {
  readonly _tag: "ClientCredentials"
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string> | string
  /** A customer's email: the tokens are scoped to that customer (`scope=customer=<email>`). */
  readonly customer?: string | undefined
  /** The lifetime to ask for, in seconds (the cloud's default otherwise). */
  readonly tokenDuration?: number | undefined
}

/**
 * Tokens from a refresh token (the `refresh_token` grant). Each answer carries the next refresh token (a
 * refresh token is used once); the service keeps it.
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 *
 * const fromCli = TokenService.refreshToken({
 *   refreshToken: process.env.PARTICLE_REFRESH_TOKEN!,
 *   clientId: "particle-cli",
 *   clientSecret: "particle-cli"
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface RefreshToken {
  readonly _tag: "RefreshToken"
  readonly refreshToken: Redacted.Redacted<string> | string
  /** The client the refresh token was issued to (default `particle` / `particle`). */
  readonly clientId?: string | undefined
  readonly clientSecret?: Redacted.Redacted<string> | string | undefined
  readonly tokenDuration?: number | undefined
}

/**
 * A {@link Source} of tokens from an OAuth client's credentials.
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 * import { Redacted } from "effect"
 *
 * const source = TokenService.clientCredentials({
 *   clientId: "fleet-backend-1234",
 *   clientSecret: Redacted.make(process.env.PARTICLE_CLIENT_SECRET!)
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const clientCredentials = (options: Omit<ClientCredentials, "_tag">): Source => ({
  _tag: "ClientCredentials",
  ...options
})

/**
 * A {@link Source} of tokens from a refresh token (e.g. one a user's login answered).
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 *
 * const source = TokenService.refreshToken({ refreshToken: process.env.PARTICLE_REFRESH_TOKEN! })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const refreshToken = (options: Omit<RefreshToken, "_tag">): Source => ({ _tag: "RefreshToken", ...options })

/**
 * Options of {@link layer}.
 *
 * - `refreshBefore`: how long before `expires_in` runs out the token is renewed (default 5 minutes; at most
 *   half the token's lifetime, so a short-lived token is not renewed on every call).
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 *
 * const options: TokenService.Options = { refreshBefore: "15 minutes" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly refreshBefore?: Duration.DurationInput | undefined
}

/**
 * Why no token could be had: the token endpoint refused the credentials (`Unauthorized`, whose message
 * carries the cause's, e.g. "Client credentials are invalid", and whose `status`, `url`, `error` and `body`
 * are the token request's), or a transport failure, a 429 or a 5xx of the token request (as themselves, so
 * that retry policies treat them as usual).
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const token = Effect.flatMap(TokenService.TokenService, (s) => s.accessToken).pipe(
 *   Effect.catchTag("Unauthorized", (e: TokenService.TokenError) => Effect.die(e))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export type TokenError =
  | ParticleError.Unauthorized
  | ParticleError.InvalidInput
  | ParticleError.TransportError
  | ParticleError.DecodeError
  | ParticleError.RateLimited
  | ParticleError.ServerError
  | ParticleError.UnexpectedStatus

/**
 * The service behind {@link layer}'s client, for code that needs the token itself (e.g. to hand it to
 * another library): `accessToken` is the current token (obtained or renewed if needed), `invalidate`
 * drops it so that the next use gets a fresh one, `requests` counts the token requests made so far.
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const tokenRequests = Effect.flatMap(TokenService.TokenService, (s: TokenService.Service) => s.requests)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly accessToken: Effect.Effect<Redacted.Redacted<string>, TokenError>
  readonly invalidate: Effect.Effect<void>
  readonly requests: Effect.Effect<number>
}

/**
 * The tag of the {@link Service}, provided by {@link layer} next to the `ParticleClient`.
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 * import { Effect, Redacted } from "effect"
 *
 * const bearerHeader = Effect.map(
 *   Effect.flatMap(TokenService.TokenService, (s) => s.accessToken),
 *   (token) => `Bearer ${Redacted.value(token)}`
 * )
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class TokenService extends Context.Tag("@effect-particle/auth/TokenService")<TokenService, Service>() {}

// ---------------------------------------------------------------------------------------------------------
// internals
// ---------------------------------------------------------------------------------------------------------

interface Cached {
  readonly token: Redacted.Redacted<string>
  /** Clock millis after which the token is renewed before use; `Infinity` for a token that never expires. */
  readonly renewAt: number
  /** Bumped on every new token, so a 401 invalidates only the token it was answered to. */
  readonly generation: number
}

interface State {
  readonly cached: Option.Option<Cached>
  readonly inflight: Option.Option<Deferred.Deferred<Cached, TokenError>>
  /** The refresh token to use next (refresh-token sources). */
  readonly refresh: Option.Option<Redacted.Redacted<string>>
  readonly generation: number
  readonly requests: number
}

const DEFAULT_REFRESH_BEFORE = Duration.minutes(5)

/** The grant a source runs, as an operation and its options. */
const grantOf = (source: Source, refresh: Option.Option<Redacted.Redacted<string>>) => {
  if (source._tag === "RefreshToken") {
    return {
      operation: refreshGrant as Operation.Any,
      options: {
        refreshToken: Option.getOrElse(refresh, () => source.refreshToken),
        ...(source.clientId !== undefined ? { clientId: source.clientId } : {}),
        ...(source.clientSecret !== undefined ? { clientSecret: source.clientSecret } : {}),
        ...(source.tokenDuration !== undefined ? { tokenDuration: source.tokenDuration } : {})
      }
    }
  }
  const client = { clientId: source.clientId, clientSecret: source.clientSecret }
  const duration = source.tokenDuration !== undefined ? { tokenDuration: source.tokenDuration } : {}
  return source.customer === undefined
    ? { operation: loginAsClientOwner as Operation.Any, options: { ...client, ...duration } }
    : {
      operation: createCustomerToken as Operation.Any,
      options: { ...client, ...duration, customer: source.customer }
    }
}

type GrantError = ParticleError.BadRequest | ParticleError.Forbidden | TokenError

/** A refused grant becomes `Unauthorized` carrying the cause; what a retry may fix stays itself. */
const toTokenError = (error: GrantError): TokenError => {
  switch (error._tag) {
    case "BadRequest":
    case "Forbidden":
      return new ParticleError.Unauthorized({
        status: error.status,
        method: error.method,
        url: error.url,
        body: error.body,
        ...(error.error !== undefined ? { error: error.error } : {}),
        ...(error.errorDescription !== undefined ? { errorDescription: error.errorDescription } : {}),
        message: `Could not obtain an access token: ${error.message}`
      })
    default:
      return error
  }
}

/** Particle answers 401 `invalid_token` for a token that expired or was revoked. */
const isStaleToken = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { _tag?: unknown })._tag === "Unauthorized" &&
  (error as { error?: unknown }).error === "invalid_token"

const validate = (source: Source): Either.Either<void, ParticleError.InvalidInput> => {
  const { operation, options } = grantOf(source, Option.none())
  return Either.map(Operation.requestPath(operation, options), () => undefined)
}

/**
 * Builds the service and the client around the `ParticleClient` in context (which needs no token of its
 * own: the token requests send none).
 */
const make = (
  source: Source,
  options: Options
): Effect.Effect<
  { readonly client: ParticleClient.Service; readonly service: Service },
  ParticleError.InvalidInput,
  ParticleClient.ParticleClient | Scope.Scope
> =>
  Effect.gen(function*() {
    yield* validate(source)
    const inner = yield* ParticleClient.ParticleClient
    const scope = yield* Effect.scope
    const refreshBefore = Duration.toMillis(Duration.decode(options.refreshBefore ?? DEFAULT_REFRESH_BEFORE))
    const state = yield* Ref.make<State>({
      cached: Option.none(),
      inflight: Option.none(),
      refresh: Option.none(),
      generation: 0,
      requests: 0
    })

    /** Runs one token request and records its outcome; completes `done` for every waiting fiber. */
    const request = (done: Deferred.Deferred<Cached, TokenError>, refresh: Option.Option<Redacted.Redacted<string>>) =>
      Effect.gen(function*() {
        const grant = grantOf(source, refresh)
        const exit = yield* Effect.exit(
          Effect.mapError(
            inner.execute(grant.operation, grant.options) as Effect.Effect<Token, GrantError>,
            toTokenError
          )
        )
        const now = yield* Clock.currentTimeMillis
        const outcome = yield* Ref.modify(state, (s): [Exit.Exit<Cached, TokenError>, State] => {
          const base = { ...s, inflight: Option.none() }
          if (Exit.isFailure(exit)) return [Exit.failCause(exit.cause), base]
          const token = exit.value
          const lifetime = token.expires_in === undefined ? Infinity : token.expires_in * 1000
          const margin = Math.min(refreshBefore, lifetime / 2)
          const cached: Cached = {
            token: token.access_token,
            renewAt: now + lifetime - margin,
            generation: s.generation + 1
          }
          return [Exit.succeed(cached), {
            ...base,
            cached: Option.some(cached),
            generation: cached.generation,
            refresh: token.refresh_token !== undefined ? Option.some(token.refresh_token) : s.refresh
          }]
        })
        yield* Deferred.done(done, outcome)
      })

    /**
     * The current token, renewed when due; one token request at a time, whoever asks. Registering the
     * request and forking it is uninterruptible, so the waiters of a registered request always get an answer.
     */
    const current: Effect.Effect<Cached, TokenError> = Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.flatten(Ref.modify(state, (s): [Effect.Effect<Cached, TokenError>, State] => {
          if (Option.isSome(s.cached) && s.cached.value.renewAt > now) {
            return [Effect.succeed(s.cached.value), s]
          }
          if (Option.isSome(s.inflight)) {
            return [restore(Deferred.await(s.inflight.value)), s]
          }
          const done = Deferred.unsafeMake<Cached, TokenError>(FiberId.none)
          // the request runs in the layer's scope: a caller interrupted while waiting does not cancel it for the others
          const run = request(done, s.refresh).pipe(
            Effect.onInterrupt(() =>
              Effect.zipRight(
                Ref.update(state, (t) => ({ ...t, inflight: Option.none() })),
                Deferred.interrupt(done)
              )
            )
          )
          return [
            Effect.zipRight(Effect.forkIn(run, scope), restore(Deferred.await(done))),
            { ...s, inflight: Option.some(done), requests: s.requests + 1 }
          ]
        })))
    )

    /** Drops the token of `generation` (not a newer one another fiber already got). */
    const invalidate = (generation?: number) =>
      Ref.update(state, (s) =>
        Option.isSome(s.cached) && (generation === undefined || s.cached.value.generation === generation)
          ? { ...s, cached: Option.none() }
          : s)

    const execute = <A, E, R>(operation: Operation.Operation<any, A, E, R>, callOptions: unknown) => {
      if (operation.definition.auth === false) {
        return inner.execute(operation, callOptions)
      }
      const attempt = (cached: Cached) =>
        inner.execute(operation, callOptions).pipe(ParticleClient.withAccessToken(cached.token))
      // token errors are `Unauthorized` or base errors, which every authenticated operation can fail with
      const token = current as Effect.Effect<Cached, E>
      return Effect.flatMap(token, (cached) =>
        Effect.catchIf(
          attempt(cached),
          isStaleToken,
          () =>
            Effect.zipRight(invalidate(cached.generation), Effect.flatMap(token, attempt))
        ))
    }

    const service: Service = {
      accessToken: Effect.map(current, (c) =>
        c.token),
      invalidate: invalidate(),
      requests: Effect.map(Ref.get(state), (s) =>
        s.requests)
    }
    return { client: { baseUrl: inner.baseUrl, execute }, service }
  })

/**
 * A layer that provides a `ParticleClient` getting its own access token, and the {@link TokenService},
 * from the `ParticleClient` it is given (whose base URL, transport, limits and middleware it uses; that one
 * needs no token). The token is obtained on first use and shared by every fiber; it is renewed when a call
 * comes after `expires_in` minus `refreshBefore` (one token request, however many fibers call at once); a
 * 401 `invalid_token` (expired or revoked) drops it and retries the call once with a fresh token. When no
 * token can be had, the call fails in its own error channel: `Unauthorized` whose message carries the
 * cause's (a 400 `invalid_client` …), or the transport error, 429 or 5xx of the token request itself.
 * Operations that send no token (logins, sign-up) pass through untouched. The layer fails with
 * `InvalidInput` for malformed credentials, before any request.
 *
 * @example
 * ```ts
 * import { TokenService } from "@effect-particle/auth"
 * import * as NodeParticle from "@effect-particle/core/node"
 * import { listProductDevices } from "@effect-particle/devices"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const ParticleLive = TokenService.layer(
 *   TokenService.clientCredentials({
 *     clientId: process.env.PARTICLE_CLIENT_ID!,
 *     clientSecret: Redacted.make(process.env.PARTICLE_CLIENT_SECRET!)
 *   })
 * ).pipe(Layer.provide(NodeParticle.layer()))
 *
 * const program = listProductDevices({ product: "my-fleet" }).pipe(Effect.provide(ParticleLive))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  source: Source,
  options: Options = {}
): Layer.Layer<
  ParticleClient.ParticleClient | TokenService,
  ParticleError.InvalidInput,
  ParticleClient.ParticleClient
> =>
  Layer.scopedContext(
    Effect.map(
      make(source, options),
      ({ client, service }) =>
        Context.make(ParticleClient.ParticleClient, client).pipe(Context.add(TokenService, service))
    )
  )
