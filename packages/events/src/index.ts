/**
 * `@effect-particle/events`: Particle device events as an Effect `Stream` that reconnects and never silently
 * dies, and `publishEvent`.
 *
 * @since 0.1.0
 */

/**
 * The events of a scope as a `Stream` (see `stream`), and the same with connection states
 * (`streamWithStatus`).
 *
 * @since 0.1.0
 */
export {
  DEFAULT_IDLE_TIMEOUT,
  type ErrorOf,
  pathOf,
  type ReconnectOptions,
  reconnectSchedule,
  Status,
  stream,
  type StreamError,
  type StreamItem,
  type StreamOptions,
  streamWithStatus
} from "./stream.js"

/**
 * Publish an event.
 *
 * @since 0.1.0
 */
import { publishEvent } from "./publishEvent.js"
export { publishEvent }
export { PublishEventOptions, PublishEventResponse, type PublishEventError } from "./publishEvent.js"

/**
 * Event schemas, decoding, and the malformed-event error.
 *
 * @since 0.1.0
 */
export * as Event from "./Event.js"

/**
 * The incremental server-sent-events parser (bytes in, messages out) that `stream` uses, for other SSE
 * sources and for benchmarks.
 *
 * @since 0.1.0
 */
export * as Sse from "./Sse.js"

/**
 * Every operation of this package (for docs tables and wire tests). `stream` is not an endpoint
 * definition: it opens server-sent-event streams through `ParticleClient`.
 *
 * @since 0.1.0
 * @category introspection
 */
export const operations: readonly [typeof publishEvent] = [publishEvent]
