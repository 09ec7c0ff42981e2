import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/**
 * A sliding-log limiter: the k-th admission happens no earlier than `interval` after the (k − limit)-th,
 * so no window of length `interval` ever holds more than `limit` requests, also across window edges
 * (a fixed-window limiter allows 2 × limit there). Slots are reserved synchronously, so concurrent
 * fibers share one budget without a lock; a fiber interrupted while waiting wastes its slot, which only
 * errs on the safe side.
 */
export interface Limiter {
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R>
}

export const make = (limit: number, interval: Duration.DurationInput): Limiter => {
  const intervalMillis = Duration.toMillis(interval)
  const log = new Float64Array(limit).fill(Number.NEGATIVE_INFINITY)
  let head = 0
  return <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const at = Math.max(now, log[head]! + intervalMillis)
      log[head] = at
      head = head + 1 === limit ? 0 : head + 1
      return at > now ? Effect.zipRight(Effect.sleep(at - now), effect) : effect
    })
}

export const unlimited: Limiter = (effect) => effect
