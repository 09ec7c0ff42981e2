import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import type { TransportError } from "../ParticleError.js"

/**
 * The client-side rate limiter: at most `limit` requests in any window of length `interval`, counted the
 * way the server sees them.
 *
 * A request holds a slot from its admission until it completes (the server has it by then), and for
 * `interval` after its completion. So the k-th request is admitted only after the (k − limit)-th completed
 * `interval` ago or more: its arrival at the server is at least `interval` after that one's, and no window
 * of the server's can hold more than `limit` arrivals, whatever the connection setup cost (counting from the
 * admission instead let the server see 93–100 requests in one second of a 50 / 1 s budget).
 *
 * Completions are counted in buckets of `interval / 64`, each freeing its slots `interval` after its latest
 * completion (so a slot is never freed early): memory stays ~65 counters whatever the limit (a log of timestamps took 8 bytes per
 * slot: 381 MB for a limit of 5e7). Waiters are served in order; a waiter that is interrupted leaves the
 * queue.
 */
export interface Limiter {
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | TransportError, R>
}

const BUCKETS = 64

interface Waiter {
  wake: (() => void) | undefined
}

export const make = (limit: number, interval: Duration.Duration): Limiter => {
  const intervalMillis = Duration.toMillis(interval)
  const width = Math.max(1, intervalMillis / BUCKETS)
  // completed requests per bucket, oldest first: bucket i holds completions in [i·width, (i+1)·width), and
  // the time of its latest one
  const indexes: Array<number> = []
  const latest: Array<number> = []
  const counts: Array<number> = []
  let completed = 0
  let inFlight = 0
  const waiters: Array<Waiter> = []

  /** Drops the buckets whose completions left the window: each counts until its latest one + interval. */
  const prune = (now: number) => {
    while (indexes.length > 0 && latest[0]! + intervalMillis <= now) {
      indexes.shift()
      latest.shift()
      completed -= counts.shift()!
    }
  }
  const free = () => inFlight + completed < limit
  /** When the oldest counted completion leaves the window (undefined: only requests in flight block). */
  const nextExpiry = () => (indexes.length > 0 ? latest[0]! + intervalMillis : undefined)

  const complete = (now: number) => {
    inFlight--
    const index = Math.floor(now / width)
    const last = indexes.length - 1
    if (last >= 0 && indexes[last]! >= index) {
      counts[last]!++
      latest[last] = Math.max(latest[last]!, now)
    } else {
      indexes.push(index)
      latest.push(now)
      counts.push(1)
    }
    completed++
    waiters[0]?.wake?.()
  }

  const signal = (waiter: Waiter) =>
    Effect.async<void>((resume) => {
      waiter.wake = () => {
        waiter.wake = undefined
        resume(Effect.void)
      }
      return Effect.sync(() => {
        waiter.wake = undefined
      })
    })

  /**
   * The first of a wake-up and `millis` on the clock: a timer fiber that wakes the waiter, interrupted when
   * the wait ends (not `Effect.race`, whose machinery is ~450 B gzip of every browser bundle).
   */
  const signalOrSleep = (waiter: Waiter, millis: number) =>
    // uninterruptible between the fork and the finalizer, so that an interrupt cannot leave the timer behind
    Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(
        Effect.forkDaemon(
          Effect.flatMap(Effect.sleep(Duration.millis(millis)), () => Effect.sync(() => waiter.wake?.()))
        ),
        (timer) => Effect.ensuring(restore(signal(waiter)), Fiber.interrupt(timer))
      )
    )

  /** Waits for a free slot, in turn: the first waiter watches the clock, the others wait to be first. */
  const wait = (waiter: Waiter): Effect.Effect<void> =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      prune(now)
      if (waiters[0] === waiter && free()) {
        waiters.shift()
        inFlight++
        waiters[0]?.wake?.()
        return Effect.void
      }
      const expiry = waiters[0] === waiter ? nextExpiry() : undefined
      const next = expiry === undefined ? signal(waiter) : signalOrSleep(waiter, expiry - now)
      return Effect.flatMap(next, () => wait(waiter))
    })

  const acquire = Effect.flatMap(Clock.currentTimeMillis, (now) => {
    prune(now)
    if (waiters.length === 0 && free()) {
      inFlight++
      return Effect.void
    }
    const waiter: Waiter = { wake: undefined }
    waiters.push(waiter)
    return Effect.onInterrupt(wait(waiter), () =>
      Effect.sync(() => {
        const i = waiters.indexOf(waiter)
        if (i !== -1) {
          waiters.splice(i, 1)
          if (i === 0) waiters[0]?.wake?.()
        }
      }))
  })

  const release = Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => complete(now)))

  // waiting for a slot can be interrupted; once the slot is taken, its release is guaranteed
  const acquireInterruptibly = Effect.interruptible(acquire)
  return <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.acquireUseRelease(acquireInterruptibly, () => effect, () => release)
}

export const unlimited: Limiter = (effect) => effect

/** The in-process backend of `RateLimit`. */
export const backend = (budget: { readonly limit: number; readonly interval: Duration.Duration }) =>
  Effect.sync(() => {
    const limiter = make(budget.limit, budget.interval)
    return { withPermit: limiter }
  })
