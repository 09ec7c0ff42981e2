/**
 * The default retry policy and its building blocks, for users who compose their own `Effect.retry`.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { type ParticleError, retryableTags } from "./ParticleError.js"

/**
 * Whether retrying could help: a transport failure, a 429 or a 5xx. Use it with `Effect.retry({ while })`
 * for requests the client does not retry by itself (function calls, publishes, flashes).
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-particle/core"
 * import { callFunction } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * // a function call is not idempotent, so the client never retries it; opt in explicitly:
 * const program = callFunction({ deviceId: "0123456789abcdef01234567", name: "reset", argument: "" }).pipe(
 *   Effect.retry({ schedule: Retry.schedule(), while: Retry.isRetryable })
 * )
 * ```
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRetryable = (error: unknown): boolean =>
  typeof error === "object" && error !== null && retryableTags.has((error as { _tag?: string })._tag!)

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Retries after the first attempt. Default 3. */
  readonly times?: number | undefined
  /** First backoff delay; doubles each retry, with jitter. Default 250 ms. */
  readonly base?: Duration.DurationInput | undefined
  /** Cap of one backoff delay. Default 10 s. */
  readonly maxDelay?: Duration.DurationInput | undefined
  /** Cap of a delay asked for by `Retry-After`. Default 60 s. */
  readonly maxRetryAfter?: Duration.DurationInput | undefined
}

const retryAfterOf = (error: unknown): Option.Option<Duration.Duration> =>
  typeof error === "object" && error !== null && (error as { _tag?: unknown })._tag === "RateLimited"
    ? (error as { retryAfter: Option.Option<Duration.Duration> }).retryAfter
    : Option.none()

/**
 * Exponential backoff with jitter, bounded in attempts, honouring `Retry-After` on 429 (capped by
 * `maxRetryAfter`), and stopping at the first error that {@link isRetryable} rejects.
 *
 * @since 0.1.0
 * @category schedules
 */
export const schedule = (options: Options = {}): Schedule.Schedule<unknown, ParticleError> => {
  const maxDelay = Duration.decode(options.maxDelay ?? "10 seconds")
  const maxRetryAfter = Duration.decode(options.maxRetryAfter ?? "60 seconds")
  return Schedule.exponential(options.base ?? "250 millis", 2).pipe(
    Schedule.jittered,
    Schedule.modifyDelay((_, delay) => Duration.min(delay, maxDelay)),
    Schedule.intersect(Schedule.recurs(options.times ?? 3)),
    Schedule.intersect(Schedule.identity<ParticleError>()),
    Schedule.whileInput((error: ParticleError) => isRetryable(error)),
    Schedule.modifyDelay(([, error], delay) =>
      Option.match(retryAfterOf(error), {
        onNone: () => delay,
        onSome: (after) => Duration.max(delay, Duration.min(after, maxRetryAfter))
      })
    )
  )
}
