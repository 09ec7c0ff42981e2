/**
 * A `RateLimit.Backend` that keeps the client's budgets (requests, and event-stream opens) in Redis, so every
 * instance behind one public IP shares Particle's per-IP limits.
 *
 * @since 0.1.0
 */
import { ParticleError, type RateLimit } from "@effect-particle/core"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { Redis, type RedisOptions } from "ioredis"
import * as internal from "./internal/limiter.js"

/**
 * The options of the Redis backend.
 *
 * | option | default | meaning |
 * |---|---|---|
 * | `redis` | `redis://127.0.0.1:6379` | a `redis://` / `rediss://` URL, or ioredis's `RedisOptions` |
 * | `prefix` | `"effect-particle:rate-limit"` | the keys' prefix: clients with the same prefix (and budget) share it |
 * | `onUnavailable` | `"fail"` | Redis unreachable: `"fail"` fails each call with a `TransportError`; `"local"` limits in this process alone |
 * | `timeout` | 2 s | the longest any Redis call may take before Redis counts as unreachable |
 * | `lease` | 30 s | how long the permits of a process that stops renewing (crashed) stay in flight; renewed every `lease / 3` |
 * | `pollInterval` | 1 s | the longest a waiting process goes without asking Redis (messages wake it sooner) |
 * | `cooldown` | 1 s | after a failure, how long calls skip Redis (failing, or limited locally) before it is tried again |
 *
 * @example
 * ```ts
 * import type { RedisRateLimit } from "@effect-particle/redis"
 *
 * const options: RedisRateLimit.Options = {
 *   redis: "redis://10.0.0.5:6379",
 *   prefix: "acme:particle",
 *   onUnavailable: "local"
 * }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly redis?: string | RedisOptions | undefined
  readonly prefix?: string | undefined
  readonly onUnavailable?: "fail" | "local" | undefined
  readonly timeout?: Duration.DurationInput | undefined
  readonly lease?: Duration.DurationInput | undefined
  readonly pollInterval?: Duration.DurationInput | undefined
  readonly cooldown?: Duration.DurationInput | undefined
}

const positiveMillis = (
  field: string,
  input: Duration.DurationInput | undefined,
  fallback: number
): Either.Either<number, ParticleError.InvalidInput> => {
  if (input === undefined) return Either.right(fallback)
  const decoded = Duration.decodeUnknown(input)
  if (decoded._tag === "None") return Either.left(ParticleError.invalidInput(field, "must be a duration"))
  const millis = Duration.toMillis(decoded.value)
  return Number.isFinite(millis) && millis > 0 && millis <= 2 ** 31 - 1
    ? Either.right(millis)
    : Either.left(ParticleError.invalidInput(field, "must be a positive, finite duration"))
}

const addressOf = (redis: Options["redis"]): string => {
  if (typeof redis === "string") {
    try {
      const url = new URL(redis)
      return `${url.protocol}//${url.hostname}:${url.port || "6379"}`
    } catch {
      return "(invalid URL)"
    }
  }
  if (redis?.path !== undefined) return `unix:${redis.path}`
  return `redis://${redis?.host ?? "127.0.0.1"}:${redis?.port ?? 6379}`
}

const settingsOf = (options: Options): Either.Either<internal.Settings, ParticleError.InvalidInput> =>
  Either.gen(function*() {
    const prefix = options.prefix ?? "effect-particle:rate-limit"
    if (typeof prefix !== "string" || prefix.length === 0 || /[{}\s]/.test(prefix)) {
      return yield* Either.left(
        ParticleError.invalidInput("prefix", "must be a non-empty string without braces or whitespace")
      )
    }
    const onUnavailable = options.onUnavailable ?? "fail"
    if (onUnavailable !== "fail" && onUnavailable !== "local") {
      return yield* Either.left(ParticleError.invalidInput("onUnavailable", "must be \"fail\" or \"local\""))
    }
    if (typeof options.redis === "string" && addressOf(options.redis) === "(invalid URL)") {
      return yield* Either.left(ParticleError.invalidInput("redis", "must be a redis:// or rediss:// URL"))
    }
    return {
      prefix,
      onUnavailable,
      timeout: yield* positiveMillis("timeout", options.timeout, 2_000),
      lease: yield* positiveMillis("lease", options.lease, 30_000),
      pollInterval: yield* positiveMillis("pollInterval", options.pollInterval, 1_000),
      cooldown: yield* positiveMillis("cooldown", options.cooldown, 1_000),
      address: addressOf(options.redis)
    }
  })

/** Opens a command connection and its Pub/Sub twin; Redis errors are reported through calls, not logged. */
const open = (redis: Options["redis"], settings: internal.Settings) => {
  const defaults: RedisOptions = {
    connectTimeout: settings.timeout,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(100 * times, 1_000)
  }
  const command = typeof redis === "string"
    ? new Redis(redis, defaults)
    : new Redis({ ...defaults, ...redis })
  const subscriber = command.duplicate()
  command.on("error", () => {})
  subscriber.on("error", () => {})
  const handlers = new Map<string, Set<() => void>>()
  subscriber.on("message", (channel: string) => {
    for (const handler of handlers.get(channel) ?? []) handler()
  })
  const connection: internal.Connection = {
    redis: command,
    scripts: internal.defineScripts(command),
    subscribe: (channel, onMessage) =>
      Effect.acquireRelease(
        Effect.sync(() => {
          let set = handlers.get(channel)
          if (set === undefined) {
            set = new Set()
            handlers.set(channel, set)
            // a failed subscription only loses wake-ups: waiters still ask every pollInterval
            subscriber.subscribe(channel).catch(() => {})
          }
          set.add(onMessage)
        }),
        () =>
          Effect.sync(() => {
            const set = handlers.get(channel)
            set?.delete(onMessage)
            if (set?.size === 0) {
              handlers.delete(channel)
              subscriber.unsubscribe(channel).catch(() => {})
            }
          })
      )
  }
  const close = () => {
    command.disconnect()
    subscriber.disconnect()
  }
  return { connection, close }
}

const fromSettings = (redis: Options["redis"], settings: internal.Settings): RateLimit.Backend => {
  // one connection pair per backend, shared by its budgets (and by every client using it), closed with the last
  let shared: { readonly connection: internal.Connection; readonly close: () => void; users: number } | undefined
  const connection: Effect.Effect<internal.Connection, never, Scope.Scope> = Effect.acquireRelease(
    Effect.sync(() => {
      if (shared === undefined) shared = { ...open(redis, settings), users: 0 }
      shared.users++
      return shared.connection
    }),
    () =>
      Effect.sync(() => {
        if (shared !== undefined && --shared.users === 0) {
          shared.close()
          shared = undefined
        }
      })
  )
  return (budget) => Effect.flatMap(connection, (c) => internal.make(c, settings, budget))
}

/**
 * A Redis backend for `ParticleClient`'s `rateLimiter` option, checking the options first (a bad one is
 * `InvalidInput` naming it). Nothing connects until a client uses it; the connections close with the last
 * client's scope.
 *
 * @example
 * ```ts
 * import { ParticleClient } from "@effect-particle/core"
 * import { RedisRateLimit } from "@effect-particle/redis"
 * import { Effect, Layer } from "effect"
 *
 * const ParticleLive = Layer.unwrapEffect(
 *   Effect.map(
 *     RedisRateLimit.make({ redis: process.env.REDIS_URL, prefix: "acme:particle" }),
 *     (rateLimiter) => ParticleClient.layerConfigFetch({ rateLimiter })
 *   )
 * )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<RateLimit.Backend, ParticleError.InvalidInput> =>
  Effect.map(settingsOf(options), (settings) => fromSettings(options.redis, settings))

/**
 * {@link make} as a plain value, for `ParticleClient`'s options; throws `InvalidInput` on a bad option.
 *
 * @example
 * ```ts
 * import * as NodeParticle from "@effect-particle/core/node"
 * import { RedisRateLimit } from "@effect-particle/redis"
 *
 * const ParticleLive = NodeParticle.layerConfig({
 *   rateLimiter: RedisRateLimit.backend({ redis: "redis://127.0.0.1:6379", onUnavailable: "local" })
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const backend = (options: Options = {}): RateLimit.Backend => {
  const settings = settingsOf(options)
  if (Either.isLeft(settings)) throw settings.left
  return fromSettings(options.redis, settings.right)
}

/**
 * The Redis backend as a service, for programs that build their layers from services.
 *
 * @example
 * ```ts
 * import { ParticleClient } from "@effect-particle/core"
 * import { RedisRateLimit } from "@effect-particle/redis"
 * import { Effect, Layer } from "effect"
 *
 * const ParticleLive = Layer.unwrapEffect(
 *   Effect.map(RedisRateLimit.Backend, (rateLimiter) => ParticleClient.layerConfigFetch({ rateLimiter }))
 * ).pipe(Layer.provide(RedisRateLimit.layer({ redis: "redis://127.0.0.1:6379" })))
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class Backend extends Context.Tag("@effect-particle/redis/Backend")<Backend, RateLimit.Backend>() {}

/**
 * A layer of the {@link Backend} service; it fails with `InvalidInput` on a bad option.
 *
 * @example
 * ```ts
 * import { RedisRateLimit } from "@effect-particle/redis"
 *
 * const RateLimitLive = RedisRateLimit.layer({ redis: "redis://127.0.0.1:6379", prefix: "acme:particle" })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<Backend, ParticleError.InvalidInput> =>
  Layer.effect(Backend, make(options))
