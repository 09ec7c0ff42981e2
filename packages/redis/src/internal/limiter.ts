import { ParticleError, RateLimit } from "@effect-particle/core"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
import * as Scope from "effect/Scope"
import type { Redis } from "ioredis"
import { randomBytes } from "node:crypto"
import * as Scripts from "./scripts.js"

/** The options, checked and in milliseconds. */
export interface Settings {
  readonly prefix: string
  readonly onUnavailable: "fail" | "local"
  readonly timeout: number
  readonly lease: number
  readonly pollInterval: number
  readonly cooldown: number
  /** Where Redis is, without credentials, for error messages. */
  readonly address: string
}

type Script = (...args: Array<string | number>) => Promise<unknown>

/** A command connection with the scripts defined, and the Pub/Sub side. */
export interface Connection {
  readonly redis: Redis
  readonly scripts: {
    readonly acquire: Script
    readonly release: Script
    readonly renew: Script
    readonly leave: Script
    readonly status: Script
  }
  /** Calls `onMessage` on every message of `channel` until the scope closes. */
  readonly subscribe: (channel: string, onMessage: () => void) => Effect.Effect<void, never, Scope.Scope>
}

/** Defines the scripts on a connection (`EVALSHA`, falling back to `EVAL` after a Redis restart). */
export const defineScripts = (redis: Redis): Connection["scripts"] => {
  const define = (name: string, lua: string): Script => {
    redis.defineCommand(name, { numberOfKeys: 8, lua })
    const command = (redis as unknown as Record<string, Script>)[name]!
    return (...args) => command.apply(redis, args)
  }
  return {
    acquire: define("effectParticleAcquire", Scripts.acquire),
    release: define("effectParticleRelease", Scripts.release),
    renew: define("effectParticleRenew", Scripts.renew),
    leave: define("effectParticleLeave", Scripts.leave),
    status: define("effectParticleStatus", Scripts.status)
  }
}

type Grant = { readonly _tag: "Remote"; readonly owner: string } | { readonly _tag: "Local" }

interface Waiter {
  resume: ((effect: Effect.Effect<Grant, ParticleError.TransportError>) => void) | undefined
  grant: string | undefined
}

class Unavailable {
  constructor(readonly reason: "Network" | "Timeout", readonly cause: unknown) {}
}

const causeOf = (cause: unknown) =>
  cause instanceof Error ? { name: cause.name, message: cause.message } : { message: String(cause) }

/**
 * The arguments every script of a budget takes: limit, interval and bucket width (µs), how long a silent
 * waiting owner stays queued and the lease (µs), and the wake-up channel.
 */
export const commonArgs = (
  settings: Settings,
  budget: RateLimit.Budget
): ReadonlyArray<string | number> => {
  const intervalMicros = Math.max(1, Math.round(Duration.toMillis(budget.interval) * 1000))
  return [
    budget.limit,
    intervalMicros,
    Math.max(1, Math.floor(intervalMicros / 64)),
    // a waiting owner asks at least every pollInterval; one silent for three of them (or 5 s) has gone
    Math.max(3 * settings.pollInterval, 5_000) * 1000,
    Math.round(settings.lease * 1000),
    Scripts.channel(settings.prefix, budget.name)
  ]
}

/**
 * The limiter of one budget kept in Redis, for one process. Its waiters queue here, in order; one fiber (the
 * driver) asks Redis for as many permits as there are waiters, hands out what it is granted, and sleeps until
 * Redis says a slot may be free: a message on the budget's channel, the time the oldest completion leaves the
 * window, or `pollInterval` at most (which also covers a lost message and a crashed owner's lease).
 */
export const make = (
  connection: Connection,
  settings: Settings,
  budget: RateLimit.Budget
): Effect.Effect<RateLimit.Limiter, never, Scope.Scope> =>
  Effect.gen(function*() {
    const scope = yield* Effect.scope
    const fibers = yield* FiberSet.make()
    const run = yield* FiberSet.runtime(fibers)<never>()
    // the fallback when Redis is unreachable and `onUnavailable: "local"`: the same budget, in this process
    const local = yield* RateLimit.inProcess(budget)
    const { scripts } = connection
    const keys = Scripts.keys(settings.prefix, budget.name)
    const channel = Scripts.channel(settings.prefix, budget.name)
    const common = commonArgs(settings, budget)

    // this process's identity in Redis; a new one after any failure, so that a permit Redis may have granted
    // to a call that timed out is never renewed: it runs out with the old owner's lease
    const processId = randomBytes(9).toString("base64url")
    let generation = 0
    let owner = `${processId}:${generation}`
    /** Permits held per owner (this process's current and former identities). */
    const held = new Map<string, number>()
    const waiters: Array<Waiter> = []
    let driving = false
    let queued = false
    let closed = false
    let downUntil = 0
    let lastFailure = new Unavailable("Network", undefined)
    let notified = false
    let wake: (() => void) | undefined

    const unavailableError = (failure: Unavailable) =>
      new ParticleError.TransportError({
        method: "",
        url: settings.address,
        reason: failure.reason,
        ...(failure.cause === undefined ? {} : { cause: causeOf(failure.cause) }),
        message: `the rate limiter is unavailable: Redis at ${settings.address} ${
          failure.reason === "Timeout"
            ? `did not answer within ${settings.timeout} ms`
            : `cannot be reached${failure.cause instanceof Error ? ` (${failure.cause.message})` : ""}`
        }`
      })

    /** One script call, bounded by `timeout`; refused at once while the connection is known to be down. */
    const call = (script: Script, args: ReadonlyArray<string | number>): Effect.Effect<unknown, Unavailable> =>
      Effect.suspend(() => {
        const status = connection.redis.status
        if (status === "reconnecting" || status === "close" || status === "end") {
          return Effect.fail(
            new Unavailable(
              "Network",
              new Error(status === "reconnecting" ? "connection lost, reconnecting" : "connection closed")
            )
          )
        }
        return Effect.tryPromise({
          try: () => script(...keys, ...common, ...args),
          catch: (cause) => new Unavailable("Network", cause)
        }).pipe(
          Effect.timeoutFail({
            duration: Duration.millis(settings.timeout),
            onTimeout: () => new Unavailable("Timeout", undefined)
          })
        )
      })

    const take = (name: string) => held.set(name, (held.get(name) ?? 0) + 1)
    const drop = (name: string) => {
      const n = (held.get(name) ?? 0) - 1
      if (n > 0) held.set(name, n)
      else held.delete(name)
    }

    /** Redis failed: stop using it for `cooldown`, under a new identity, and settle every waiter. */
    const failover = (failure: Unavailable) => {
      const previous = owner
      generation++
      owner = `${processId}:${generation}`
      queued = false
      lastFailure = failure
      downUntil = Date.now() + settings.cooldown
      settleAll(failure)
      // best effort (the call may have queued it): the old identity's queue entry would otherwise hold others
      // back until it goes stale
      run(Effect.ignore(call(scripts.leave, [previous])))
    }

    const settleAll = (failure: Unavailable) => {
      for (const waiter of waiters.splice(0)) settle(waiter, failure)
    }

    const settle = (waiter: Waiter, failure: Unavailable) => {
      const resume = waiter.resume
      waiter.resume = undefined
      resume?.(
        settings.onUnavailable === "local"
          ? Effect.succeed<Grant>({ _tag: "Local" })
          : Effect.fail(unavailableError(failure))
      )
    }

    /** Waits for a message on the channel, or `millis`. */
    const pause = (millis: number): Effect.Effect<void> => {
      if (notified) return Effect.void
      return Effect.race(
        Effect.async<void>((resume) => {
          wake = () => {
            wake = undefined
            resume(Effect.void)
          }
          return Effect.sync(() => {
            wake = undefined
          })
        }),
        Effect.sleep(Duration.millis(millis))
      )
    }

    const drive: Effect.Effect<void> = Effect.suspend(() => {
      if (waiters.length === 0 || closed) {
        driving = false
        if (queued && !closed) {
          queued = false
          return Effect.ignore(call(scripts.leave, [owner]))
        }
        return Effect.void
      }
      if (Date.now() < downUntil) {
        settleAll(lastFailure)
        return drive
      }
      const wanted = waiters.length
      const asking = owner
      notified = false
      return Effect.matchEffect(call(scripts.acquire, [asking, wanted]), {
        onFailure: (failure) =>
          Effect.suspend(() => {
            failover(failure)
            return drive
          }),
        onSuccess: (reply) =>
          Effect.suspend(() => {
            const [granted, hint] = reply as [number, number]
            queued = granted < wanted
            let surplus = granted
            while (surplus > 0 && waiters.length > 0) {
              const waiter = waiters.shift()!
              surplus--
              take(asking)
              waiter.grant = asking
              const resume = waiter.resume
              waiter.resume = undefined
              resume?.(Effect.succeed<Grant>({ _tag: "Remote", owner: asking }))
            }
            // permits granted for waiters that left meanwhile were never used: return them as unused
            const returned = surplus > 0
              ? Effect.ignore(call(scripts.release, [asking, surplus, "0"]))
              : Effect.void
            if (granted >= wanted || waiters.length === 0) return Effect.zipRight(returned, drive)
            const millis = hint < 0 ? settings.pollInterval : Math.min(settings.pollInterval, Math.ceil(hint / 1000))
            return Effect.zipRight(returned, Effect.zipRight(pause(millis), drive))
          })
      })
    })

    const acquire: Effect.Effect<Grant, ParticleError.TransportError> = Effect.suspend(() => {
      if (closed) return Effect.fail(unavailableError(new Unavailable("Network", new Error("the limiter is closed"))))
      if (Date.now() < downUntil) {
        return settings.onUnavailable === "local"
          ? Effect.succeed<Grant>({ _tag: "Local" })
          : Effect.fail(unavailableError(lastFailure))
      }
      const waiter: Waiter = { resume: undefined, grant: undefined }
      return Effect.async<Grant, ParticleError.TransportError>((resume) => {
        waiter.resume = resume
        waiters.push(waiter)
        if (!driving) {
          driving = true
          run(drive)
        }
        return Effect.sync(() => {
          // interrupted while waiting: leave the queue, or give back a permit granted meanwhile, unused
          waiter.resume = undefined
          const i = waiters.indexOf(waiter)
          if (i !== -1) {
            waiters.splice(i, 1)
            // the last waiter gone: the driver wakes to take this process out of Redis's queue
            if (waiters.length === 0) {
              notified = true
              wake?.()
            }
          } else if (waiter.grant !== undefined) {
            const name = waiter.grant
            waiter.grant = undefined
            drop(name)
            run(Effect.ignore(call(scripts.release, [name, 1, "0"])))
          }
        })
      })
    })

    const release = (grant: Grant) =>
      grant._tag === "Local"
        ? Effect.void
        : Effect.suspend(() => {
          drop(grant.owner)
          // if Redis did not take it, the permit stays counted until its owner's lease runs out: the lease is
          // never renewed again once this process stops using that identity
          return Effect.catchAll(call(scripts.release, [grant.owner, 1, "1"]), (failure) =>
            Effect.sync(() => {
              if (grant.owner === owner) failover(failure)
            }))
        })

    // renews the leases of the identities holding permits, three times per lease
    yield* Effect.forkIn(
      Effect.forever(Effect.zipRight(
        Effect.sleep(Duration.millis(settings.lease / 3)),
        Effect.suspend(() => held.size === 0 ? Effect.void : Effect.ignore(call(scripts.renew, [...held.keys()])))
      )),
      scope
    )
    yield* connection.subscribe(channel, () => {
      notified = true
      wake?.()
    })
    // the client's scope closes: nobody waits forever
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        closed = true
        for (const waiter of waiters.splice(0)) {
          const resume = waiter.resume
          waiter.resume = undefined
          resume?.(Effect.fail(unavailableError(new Unavailable("Network", new Error("the limiter is closed")))))
        }
      })
    )

    const withPermit = <A, E, R>(
      effect: Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | ParticleError.TransportError, R> =>
      Effect.acquireUseRelease(
        Effect.interruptible(acquire),
        (grant) => (grant._tag === "Local" ? local.withPermit(effect) : effect),
        release
      )
    return { withPermit }
  })
