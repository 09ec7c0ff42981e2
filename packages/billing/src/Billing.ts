/**
 * Schemas of service agreements, usage reports and notifications, as the billing endpoints answer them
 * (JSON:API-like `{ id, type, attributes }` objects in a `data` envelope, unwrapped by the operations).
 * Field names stay as Particle sends them; unknown extra fields are tolerated.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Device and traffic counts of one connectivity class (`all`, `wifi`, `cellular`, `asset_tracker`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const UsageCounts = /*#__PURE__*/ Schema.Struct({
  owned_devices: Schema.Number,
  billable_devices: Schema.Number,
  device_data: Schema.NullOr(Schema.Number),
  device_messages: Schema.NullOr(Schema.Number)
})

/**
 * The usage of the current billing period.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UsageSummary = /*#__PURE__*/ Schema.Struct({
  device_limit_reached: Schema.Boolean,
  connectivity: Schema.Record({ key: Schema.String, value: UsageCounts })
})

/**
 * A service agreement: the plan (`agreement_type` `developer` for a sandbox, `enterprise`, …), its period,
 * the current usage and the pricing terms.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ServiceAgreement = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  type: Schema.String,
  attributes: Schema.Struct({
    owner_id: Schema.String,
    owner_type: Schema.String,
    name: Schema.String,
    agreement_type: Schema.String,
    duration: Schema.String,
    state: Schema.String,
    starts_on: Schema.NullOr(Schema.String),
    ends_on: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
    current_billing_period_start: Schema.optional(Schema.NullOr(Schema.String)),
    current_billing_period_end: Schema.optional(Schema.NullOr(Schema.String)),
    next_billing_period_start: Schema.optional(Schema.NullOr(Schema.String)),
    current_usage_summary: Schema.optional(UsageSummary),
    pricing_terms: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ServiceAgreement extends Schema.Schema.Type<typeof ServiceAgreement> {}

/**
 * A usage report: `pending` until processed, then `available` with a `download_url` that expires at
 * `expires_at`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UsageReport = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  type: Schema.String,
  attributes: Schema.Struct({
    state: Schema.String,
    service_agreement_id: Schema.Union(Schema.Number, Schema.String),
    date_period_start: Schema.String,
    date_period_end: Schema.String,
    created_at: Schema.String,
    expires_at: Schema.NullOr(Schema.String),
    report_type: Schema.String,
    report_params: Schema.optional(Schema.Struct({
      devices: Schema.optional(Schema.Array(Schema.String)),
      products: Schema.optional(Schema.Array(Schema.Union(Schema.String, Schema.Number))),
      recipient_list: Schema.optional(Schema.Array(Schema.String))
    })),
    download_url: Schema.NullOr(Schema.String)
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface UsageReport extends Schema.Schema.Type<typeof UsageReport> {}

/**
 * A notification about a service agreement (usage thresholds, devices paused or unpaused, …).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Notification = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  type: Schema.String,
  attributes: Schema.Struct({
    state: Schema.String,
    event_name: Schema.String,
    time_period: Schema.optional(Schema.String),
    created_at: Schema.String,
    updated_at: Schema.optional(Schema.String),
    resource_id: Schema.optional(Schema.String),
    resource_type: Schema.optional(Schema.String),
    details: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Notification extends Schema.Schema.Type<typeof Notification> {}
