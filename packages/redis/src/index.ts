/**
 * `@effect-particle/redis`: Particle's per-IP budgets kept in Redis, shared by every instance behind one
 * address.
 *
 * @since 0.1.0
 */

/**
 * A `RateLimit.Backend` for `ParticleClient` keeping both budgets (requests, event-stream opens) in Redis.
 *
 * @since 0.1.0
 */
export * as RedisRateLimit from "./RedisRateLimit.js"
