// Clients of the recording server, each in its own runtime (its own ParticleClient, Redis connections and
// limiter state): what several instances of an app behind one address are.
import type { ParticleClient } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import { RedisRateLimit } from "@effect-particle/redis"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { Redis } from "ioredis"
import * as internal from "../../src/internal/limiter.js"
import * as Scripts from "../../src/internal/scripts.js"

export const TOKEN = "0123456789abcdef0123456789abcdef01234567"

export type Client = ManagedRuntime.ManagedRuntime<ParticleClient.ParticleClient, never>

/** A client in a runtime of its own, disposed of when the scope closes. */
export const client = (
  baseUrl: string,
  redis: RedisRateLimit.Options,
  budgets: Pick<ParticleClient.Options, "rateLimit" | "streamRateLimit">
): Effect.Effect<Client, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() =>
      ManagedRuntime.make(NodeParticle.layer({
        baseUrl,
        accessToken: Redacted.make(TOKEN),
        retry: false,
        timeout: "20 seconds",
        ...budgets,
        rateLimiter: RedisRateLimit.backend(redis)
      })).pipe((runtime) => runtime as unknown as Client)
    ),
    (runtime) => Effect.promise(() => runtime.dispose())
  )

/** Runs `effect` in the client's runtime, as its own program would. */
export const run = <A, E>(
  runtime: Client,
  effect: Effect.Effect<A, E, ParticleClient.ParticleClient>
): Effect.Effect<A, E> =>
  Effect.async<A, E>((resume) => {
    const controller = new AbortController()
    runtime.runPromiseExit(effect, { signal: controller.signal }).then((exit) => resume(exit))
    return Effect.sync(() => controller.abort())
  })

/** A raw connection to the test's Redis, with the backend's scripts, to look at (or tamper with) a budget. */
export const inspector = (url: string) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const redis = new Redis(url, { maxRetriesPerRequest: 1 })
      redis.on("error", () => {})
      return { redis, scripts: internal.defineScripts(redis) }
    }),
    ({ redis }) => Effect.sync(() => redis.disconnect())
  ).pipe(Effect.map(({ redis, scripts }) => {
    const argsOf = (
      prefix: string,
      budget: { name: "requests" | "streams"; limit: number; interval: number },
      lease = 30_000
    ) => [
      ...Scripts.keys(prefix, budget.name),
      ...internal.commonArgs({
        prefix,
        onUnavailable: "fail",
        timeout: 2_000,
        lease,
        pollInterval: 1_000,
        cooldown: 1_000,
        address: url
      }, { name: budget.name, limit: budget.limit, interval: Duration.millis(budget.interval) })
    ]
    return {
      redis,
      /** `{ inflight, completed, queued owners, owners with leases }` of a budget (after housekeeping). */
      status: (prefix: string, budget: { name: "requests" | "streams"; limit: number; interval: number }) =>
        Effect.promise(() => scripts.status(...argsOf(prefix, budget)) as Promise<[number, number, number, number]>),
      /** Takes permits as an owner that then never renews nor releases them: a process that crashed. */
      crashedOwner: (
        prefix: string,
        budget: { name: "requests" | "streams"; limit: number; interval: number },
        permits: number,
        lease: number
      ) =>
        Effect.promise(() =>
          scripts.acquire(...argsOf(prefix, budget, lease), "crashed:0", permits) as Promise<[number, number]>
        )
    }
  }))
