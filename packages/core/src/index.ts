/**
 * @since 0.1.0
 */

/**
 * Schemas that validate operation options before any request.
 *
 * @since 0.1.0
 */
export * as Input from "./Input.js"

/**
 * Endpoint definitions as data, and the operations made from them.
 *
 * @since 0.1.0
 */
export * as Operation from "./Operation.js"

/**
 * Lazy streams over paged endpoints.
 *
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"

/**
 * The client service and its layers.
 *
 * @since 0.1.0
 */
export * as ParticleClient from "./ParticleClient.js"

/**
 * Requests and responses as middleware sees them.
 *
 * @since 0.2.0
 */
export * as ParticleRequest from "./ParticleRequest.js"

/**
 * Typed errors.
 *
 * @since 0.1.0
 */
export * as ParticleError from "./ParticleError.js"

/**
 * Where the rate limits are kept: in the process, or in a shared store.
 *
 * @since 0.2.0
 */
export * as RateLimit from "./RateLimit.js"

/**
 * The default retry policy and its building blocks.
 *
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"
