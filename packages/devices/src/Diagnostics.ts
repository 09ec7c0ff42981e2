/**
 * Schemas of the device vitals (diagnostics) endpoints. Every vital is optional: which ones a device
 * reports depends on its platform and Device OS version.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const opt = <S extends Schema.Schema.Any>(s: S) => Schema.optional(s)
const num = /*#__PURE__*/ opt(Schema.Number)
const str = /*#__PURE__*/ opt(Schema.String)

/**
 * Signal strength and quality, as a percentage and in the radio's own unit.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Signal = /*#__PURE__*/ Schema.Struct({
  at: str,
  strength: num,
  strength_units: str,
  strengthv: num,
  strengthv_units: str,
  strengthv_type: str,
  quality: num,
  quality_units: str,
  qualityv: num,
  qualityv_units: str,
  qualityv_type: str
})

/**
 * A connection's state and counters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Connection = /*#__PURE__*/ Schema.Struct({
  status: str,
  error: num,
  attempts: num,
  disconnects: num,
  disconnect_reason: str
})

/**
 * The vitals a device reports (`payload` of a diagnostics record).
 *
 * @since 0.1.0
 * @category schemas
 */
export const VitalsPayload = /*#__PURE__*/ Schema.Struct({
  device: opt(Schema.Struct({
    network: opt(Schema.Struct({
      cellular: opt(Schema.Struct({
        radio_access_technology: str,
        operator: str,
        cell_global_identity: opt(Schema.Struct({
          mobile_country_code: num,
          mobile_network_code: opt(Schema.Union(Schema.String, Schema.Number)),
          location_area_code: num,
          cell_id: num
        }))
      })),
      signal: opt(Signal),
      connection: opt(Connection)
    })),
    cloud: opt(Schema.Struct({
      connection: opt(Connection),
      coap: opt(Schema.Struct({ transmit: num, retransmit: num, unack: num, round_trip: num })),
      publish: opt(Schema.Struct({ rate_limited: num }))
    })),
    power: opt(Schema.Struct({
      battery: opt(Schema.Struct({ charge: opt(Schema.NullOr(Schema.Number)), state: str })),
      source: str
    })),
    system: opt(Schema.Struct({
      uptime: num,
      memory: opt(Schema.Struct({ used: num, total: num }))
    }))
  })),
  service: opt(Schema.Struct({
    device: opt(Schema.Struct({ status: str })),
    cloud: opt(Schema.Struct({ uptime: num, publish: opt(Schema.Struct({ sent: num })) })),
    coap: opt(Schema.Struct({ round_trip: num }))
  }))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface VitalsPayload extends Schema.Schema.Type<typeof VitalsPayload> {}

/**
 * One diagnostics record: when, which device, and its vitals.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DiagnosticsRecord = /*#__PURE__*/ Schema.Struct({
  updated_at: Schema.String,
  deviceID: Schema.String,
  payload: VitalsPayload
})

/**
 * @since 0.1.0
 * @category models
 */
export interface DiagnosticsRecord extends Schema.Schema.Type<typeof DiagnosticsRecord> {}

/**
 * The answer of `getLastDeviceVitals`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LastVitals = /*#__PURE__*/ Schema.Struct({ diagnostics: DiagnosticsRecord })

/**
 * The answer of `getDeviceVitalsHistory`: the records of the period, oldest first.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VitalsHistory = /*#__PURE__*/ Schema.Struct({ diagnostics: Schema.Array(DiagnosticsRecord) })

/**
 * How one vital is described for display: title, type, units, ranges, messages.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VitalDescription = /*#__PURE__*/ Schema.Struct({
  title: Schema.optional(Schema.String),
  type: Schema.optional(Schema.String),
  priority: Schema.optional(Schema.Number),
  units: Schema.optional(Schema.Unknown),
  ranges: Schema.optional(Schema.Unknown),
  values: Schema.optional(Schema.Unknown),
  messages: Schema.optional(Schema.Unknown),
  describes: Schema.optional(Schema.String)
})

/**
 * The answer of `getDeviceVitalsMetadata`: descriptions of the vitals, nested as in the payload
 * (`device.power.battery.charge` → a {@link VitalDescription}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const VitalsMetadata = /*#__PURE__*/ Schema.Struct({
  diagnostics_metadata: Schema.Struct({
    device: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
    service: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
  })
})

/**
 * One bucket of the vitals summary.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SummarySample = /*#__PURE__*/ Schema.Struct({
  timestamp: Schema.String,
  batteryCharging: Schema.optional(Schema.NullOr(Schema.Boolean)),
  batteryConnected: Schema.optional(Schema.NullOr(Schema.Boolean)),
  batteryCharge: Schema.optional(Schema.NullOr(Schema.Number)),
  signalStrength: Schema.optional(Schema.NullOr(Schema.Struct({
    max: Schema.optional(Schema.NullOr(Schema.Number)),
    min: Schema.optional(Schema.NullOr(Schema.Number)),
    avg: Schema.optional(Schema.NullOr(Schema.Number)),
    med: Schema.optional(Schema.NullOr(Schema.Number)),
    warnings: Schema.optional(Schema.Array(Schema.Unknown))
  }))),
  signalStrengthValue: Schema.optional(Schema.NullOr(Schema.Number)),
  signalQuality: Schema.optional(Schema.NullOr(Schema.Number)),
  roundTripTime: Schema.optional(Schema.NullOr(Schema.Number)),
  memoryUsed: Schema.optional(Schema.NullOr(Schema.Number))
})

/**
 * The answer of `getDeviceVitalsSummary`: vitals aggregated in buckets of `bucketSize` milliseconds.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VitalsSummary = /*#__PURE__*/ Schema.Struct({
  deviceID: Schema.String,
  memoryAvailable: Schema.optional(Schema.Number),
  bucketSize: Schema.Number,
  startDate: Schema.String,
  endDate: Schema.String,
  hasBattery: Schema.optional(Schema.Boolean),
  samples: Schema.Array(SummarySample)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface VitalsSummary extends Schema.Schema.Type<typeof VitalsSummary> {}
