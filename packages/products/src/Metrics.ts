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
 * @since 0.1.0
 * @category models
 */
export type Instant = typeof Instant.Type

/**
 * The options every metrics operation takes: the product, the period (`startDate` … `endDate`, both
 * inclusive; Particle's default is now), the bucket size in seconds (Particle's default 900; it must be
 * greater than 15), and filters on product firmware version, Device OS version and device group.
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
 * @since 0.1.0
 * @category models
 */
export type MetricsOptions = typeof MetricsOptions.Type

const Time = { time: Schema.String }

/**
 * `getOnlineMetrics`: `{ online: [{ time, count }] }`, `count` devices online in the bucket starting at
 * `time`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OnlineMetrics = /*#__PURE__*/ Schema.Struct({
  online: Schema.Array(Schema.Struct({ ...Time, count: Schema.Number }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type OnlineMetrics = typeof OnlineMetrics.Type

/**
 * `getEventsMetrics`: `{ events: [{ time, received }] }`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EventsMetrics = /*#__PURE__*/ Schema.Struct({
  events: Schema.Array(Schema.Struct({ ...Time, received: Schema.optional(Schema.Number) }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type EventsMetrics = typeof EventsMetrics.Type

/**
 * `getIntegrationMetrics`: `{ integrations: [{ time, success, failure, sleep }] }` (a count of 0 is
 * omitted by Particle, so each is optional).
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
 * @since 0.1.0
 * @category schemas
 */
export const FunctionsMetrics = /*#__PURE__*/ Schema.Struct({ functions: Schema.Array(CallBucket) })

/**
 * @since 0.1.0
 * @category models
 */
export type FunctionsMetrics = typeof FunctionsMetrics.Type

/**
 * `getVariablesMetrics`: `{ variables: [{ time, success, failure, offline }] }` (zero counts omitted).
 *
 * @since 0.1.0
 * @category schemas
 */
export const VariablesMetrics = /*#__PURE__*/ Schema.Struct({ variables: Schema.Array(CallBucket) })

/**
 * @since 0.1.0
 * @category models
 */
export type VariablesMetrics = typeof VariablesMetrics.Type
