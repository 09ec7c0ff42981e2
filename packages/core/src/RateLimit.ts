/**
 * Where the client's rate limits are kept. The default backend keeps them in the process; a backend that
 * keeps them in a shared store (e.g. Redis) makes several instances behind one public IP share Particle's
 * per-IP budgets.
 *
 * @since 0.2.0
 */
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as internal from "./internal/limiter.js"
import type { TransportError } from "./ParticleError.js"

/**
 * One budget: at most `limit` requests in any window of length `interval`. `name` says which of the
 * client's budgets it is (`"requests"`, or `"streams"` for event-stream opens), so a shared backend can keep
 * them apart (and a key prefix keeps clients apart).
 *
 * @since 0.2.0
 * @category models
 */
export interface Budget {
  readonly name: "requests" | "streams"
  readonly limit: number
  readonly interval: Duration.Duration
}

/**
 * A limiter of one budget: `withPermit(effect)` runs `effect` when the budget allows, and counts it as the
 * server sees it (from admission until it completes, and `interval` after that). A backend that cannot
 * reach its store fails the call with a `TransportError` (or falls back, as it documents); it never hangs.
 *
 * @since 0.2.0
 * @category models
 */
export interface Limiter {
  readonly withPermit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | TransportError, R>
}

/**
 * Makes the limiter of a budget; its resources (connections, timers) live in the client's scope.
 *
 * @since 0.2.0
 * @category models
 */
export type Backend = (budget: Budget) => Effect.Effect<Limiter, never, Scope.Scope>

/**
 * The default backend: each budget kept in this process, never exceeded in any window the server sees, in
 * memory that does not grow with the budget.
 *
 * @since 0.2.0
 * @category backends
 */
export const inProcess: Backend = internal.backend
