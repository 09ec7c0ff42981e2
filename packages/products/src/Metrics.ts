/**
 * Schemas of fleet-health metrics: time buckets of online devices, received events, integration requests,
 * function calls and variable reads of a product's fleet, and the options that select them.
 *
 * @since 0.1.0
 */
import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { isIsoDate } from "./internal/query.js"
import { FirmwareVersion, GroupName } from "./Product.js"

/**
 * A point in time: a `Date`, or an ISO-8601 string; sent as ISO-8601.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const value = Schema.decodeUnknownSync(Metrics.Instant)("2024-04-01T00:00:00Z")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Instant = /*#__PURE__*/ Schema.Union(
  Schema.DateFromSelf.pipe(Schema.filter((d) => !Number.isNaN(d.getTime()) || "must be a valid date")),
  Schema.String.pipe(
    Schema.filter((s) => isIsoDate(s) || "must be an ISO-8601 date")
  )
)

/**
 * @example
 * ```ts
 * import type { Metrics } from "@effect-particle/products"
 *
 * const start: Metrics.Instant = new Date("2024-04-01T00:00:00Z")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Instant = typeof Instant.Type

/**
 * The options every metrics operation takes: the product, the period (`startDate` … `endDate`, both
 * inclusive; Particle's default is now), the bucket size in seconds (Particle's default 900; it must be
 * greater than 15), and filters on product firmware version, Device OS version and device group.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const value = Schema.decodeUnknownSync(Metrics.MetricsOptions)({ product: 4242, bucketSize: 3600 })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const MetricsOptions = /*#__PURE__*/ Schema.Struct({
  product: Input.Product,
  startDate: Schema.optional(Instant),
  endDate: Schema.optional(Instant),
  bucketSize: Schema.optional(
    Schema.Number.pipe(
      Schema.int({ message: () => "must be an integer number of seconds greater than 15" }),
      Schema.greaterThan(15, { message: () => "must be an integer number of seconds greater than 15" })
    )
  ),
  productFw: Schema.optional(FirmwareVersion),
  deviceOsVersion: Schema.optional(Input.NonEmpty),
  deviceGroup: Schema.optional(GroupName)
}).pipe(
  Schema.filter((o) => {
    if (o.startDate === undefined || o.endDate === undefined) return undefined
    const start = new Date(o.startDate as string | Date).getTime()
    const end = new Date(o.endDate as string | Date).getTime()
    return start <= end || { path: ["startDate"], message: "must not be after endDate" }
  })
)

/**
 * @example
 * ```ts
 * import type { Metrics } from "@effect-particle/products"
 *
 * const options: Metrics.MetricsOptions = { product: 4242, bucketSize: 3600 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type MetricsOptions = typeof MetricsOptions.Type

const Time = { time: Schema.String }

/**
 * `getOnlineMetrics`: `{ online: [{ time, count }] }`, `count` devices online in the bucket starting at
 * `time`.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Metrics.OnlineMetrics)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const OnlineMetrics = /*#__PURE__*/ Schema.Struct({
  online: Schema.Array(Schema.Struct({ ...Time, count: Schema.Number }))
})

/**
 * @example
 * ```ts
 * import type { Metrics } from "@effect-particle/products"
 *
 * const peak = (m: Metrics.OnlineMetrics) => Math.max(0, ...m.online.map((b) => b.count))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type OnlineMetrics = typeof OnlineMetrics.Type

/**
 * `getEventsMetrics`: `{ events: [{ time, received }] }`.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Metrics.EventsMetrics)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const EventsMetrics = /*#__PURE__*/ Schema.Struct({
  events: Schema.Array(Schema.Struct({ ...Time, received: Schema.optional(Schema.Number) }))
})

/**
 * @example
 * ```ts
 * import type { Metrics } from "@effect-particle/products"
 *
 * const received = (m: Metrics.EventsMetrics) => m.events.reduce((n, b) => n + (b.received ?? 0), 0)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type EventsMetrics = typeof EventsMetrics.Type

/**
 * `getIntegrationMetrics`: `{ integrations: [{ time, success, failure, sleep }] }` (a count of 0 is
 * omitted by Particle, so each is optional).
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Metrics.IntegrationMetrics)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const IntegrationMetrics = /*#__PURE__*/ Schema.Struct({
  integrations: Schema.Array(Schema.Struct({
    ...Time,
    success: Schema.optional(Schema.Number),
    failure: Schema.optional(Schema.Number),
    sleep: Schema.optional(Schema.Number)
  }))
})

/**
 * @example
 * ```ts
 * import type { Metrics } from "@effect-particle/products"
 *
 * const failures = (m: Metrics.IntegrationMetrics) => m.integrations.reduce((n, b) => n + (b.failure ?? 0), 0)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type IntegrationMetrics = typeof IntegrationMetrics.Type

const CallBucket = /*#__PURE__*/ Schema.Struct({
  ...Time,
  success: Schema.optional(Schema.Number),
  failure: Schema.optional(Schema.Number),
  offline: Schema.optional(Schema.Number)
})

/**
 * `getFunctionsMetrics`: `{ functions: [{ time, success, failure, offline }] }` (zero counts omitted).
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Metrics.FunctionsMetrics)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const FunctionsMetrics = /*#__PURE__*/ Schema.Struct({ functions: Schema.Array(CallBucket) })

/**
 * @example
 * ```ts
 * import type { Metrics } from "@effect-particle/products"
 *
 * const offline = (m: Metrics.FunctionsMetrics) => m.functions.reduce((n, b) => n + (b.offline ?? 0), 0)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type FunctionsMetrics = typeof FunctionsMetrics.Type

/**
 * `getVariablesMetrics`: `{ variables: [{ time, success, failure, offline }] }` (zero counts omitted).
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Metrics.VariablesMetrics)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const VariablesMetrics = /*#__PURE__*/ Schema.Struct({ variables: Schema.Array(CallBucket) })

/**
 * @example
 * ```ts
 * import type { Metrics } from "@effect-particle/products"
 *
 * const served = (m: Metrics.VariablesMetrics) => m.variables.reduce((n, b) => n + (b.success ?? 0), 0)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type VariablesMetrics = typeof VariablesMetrics.Type
