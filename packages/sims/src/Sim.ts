/**
 * Schemas of SIM cards and of the answers of the SIM endpoints. Field names stay as Particle sends them;
 * unknown extra fields are tolerated.
 *
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/**
 * An ICCID: 19 or 20 digits (e.g. `8934076500002589174`, `89014111111111111111`). Every option named
 * `iccid` is checked against it before any request.
 *
 * @example
 * ```ts
 * import { Sim } from "@effect-particle/sims"
 * import { Schema } from "effect"
 *
 * Schema.is(Sim.Iccid)("8934076500002589174") // true
 * Schema.is(Sim.Iccid)("1234") // false
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Iccid = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^\d{19,20}$/, { message: () => "must be an ICCID (19 or 20 digits)" })
)

/**
 * The `status` values Particle's own SDKs know: `active`, `inactive` (deactivated), `never_before_activated`,
 * `inactive_user_deactivated`, `inactive_data_limit_reached` (paused: over its `mb_limit` this month) and
 * `inactive_invalid_payment_method`. The schema accepts any string, so a new state is never a `DecodeError`.
 *
 * @example
 * ```ts
 * import type { Sim } from "@effect-particle/sims"
 *
 * const paused = (status: Sim.Status) => status === "inactive_data_limit_reached"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Status =
  | "active"
  | "inactive"
  | "never_before_activated"
  | "inactive_user_deactivated"
  | "inactive_data_limit_reached"
  | "inactive_invalid_payment_method"
  | (string & {})

const optionalText = Schema.optional(Schema.NullOr(Schema.String))
const optionalNumber = Schema.optional(Schema.NullOr(Schema.Number))

const SimFields = {
  status: Schema.String as Schema.Schema<Status, string>,
  activations_count: Schema.optional(Schema.Number),
  deactivations_count: Schema.optional(Schema.Number),
  base_country_code: optionalText,
  /** Cents per MB. */
  base_monthly_rate: optionalNumber,
  /** Cents per MB over the plan. */
  overage_monthly_rate: optionalNumber,
  first_activated_on: optionalText,
  last_activated_on: optionalText,
  activated_on: optionalText,
  last_activated_via: optionalText,
  /** `activate`, `deactivate`, `reactivate`, … */
  last_status_change_action: optionalText,
  /** `"no"` when the last change worked. */
  last_status_change_action_error: optionalText,
  last_status_change_action_on: optionalText,
  state_change_in_progress: Schema.optional(Schema.Boolean),
  /** Monthly data limit in MB; `null` for none. */
  mb_limit: optionalNumber,
  msisdn: optionalText,
  stripe_plan_slug: optionalText,
  updated_at: optionalText,
  user_id: optionalText,
  product_id: optionalNumber,
  carrier: optionalText,
  last_device_id: optionalText,
  last_device_name: optionalText,
  device_id: optionalText,
  device_name: optionalText,
  owner: optionalText
}

const WireSim = Schema.Struct({
  iccid: Schema.optional(Schema.String),
  _id: Schema.optional(Schema.String),
  ...SimFields
})

const DecodedSim = Schema.Struct({ iccid: Schema.String, _id: Schema.optional(Schema.String), ...SimFields })

/**
 * A SIM card. Particle's documentation names the ICCID `_id` and particle-api-js names it `iccid`; the
 * decoded record always has `iccid` (from whichever the cloud sent), and a SIM with neither is a
 * `DecodeError`.
 *
 * @example
 * ```ts
 * import { listSIMs } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const paused = listSIMs().pipe(
 *   Effect.map(({ sims }) => sims.filter((s) => s.status === "inactive_data_limit_reached").map((s) => s.iccid))
 * )
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Sim: Schema.Schema<Sim, Schema.Schema.Encoded<typeof WireSim>> = /*#__PURE__*/ Schema.transformOrFail(
  WireSim,
  DecodedSim,
  {
    strict: true,
    decode: (wire, _, ast) => {
      const iccid = wire.iccid ?? wire._id
      return iccid === undefined
        ? ParseResult.fail(new ParseResult.Type(ast, wire, "a SIM needs an iccid (or _id)"))
        : ParseResult.succeed({ ...wire, iccid })
    },
    encode: (sim) => ParseResult.succeed(sim)
  }
)

/**
 * @example
 * ```ts
 * import type { Sim } from "@effect-particle/sims"
 *
 * const label = (sim: Sim.Sim) => `${sim.iccid} ${sim.status} (${sim.mb_limit ?? "no"} MB limit)`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Sim extends Schema.Schema.Type<typeof DecodedSim> {}

/**
 * The paging of a product's SIM list.
 *
 * @example
 * ```ts
 * import { Sim } from "@effect-particle/sims"
 * import { Schema } from "effect"
 *
 * const meta = Schema.decodeUnknownSync(Sim.PageMeta)({ page: 1, per_page: 25, total_pages: 2, total: 30 })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const PageMeta = /*#__PURE__*/ Schema.Struct({
  page: Schema.optional(Schema.Number),
  per_page: Schema.optional(Schema.Number),
  total_pages: Schema.optional(Schema.Number),
  total: Schema.optional(Schema.Number)
})

const SimListObject = Schema.Struct({ sims: Schema.Array(Sim), meta: Schema.optional(PageMeta) })

/**
 * The answer of `listSIMs`: `{ sims, meta? }` (`meta` on product lists). Particle's documentation shows
 * that envelope and particle-api-js types a bare array; both decode to `{ sims, meta? }`.
 *
 * @example
 * ```ts
 * import { Sim } from "@effect-particle/sims"
 * import { Schema } from "effect"
 *
 * // a bare array (particle-api-js's type) decodes to { sims }
 * const list = Schema.decodeUnknownSync(Sim.SimList)([{ iccid: "8934076500002589174", status: "active" }])
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SimList: Schema.Schema<SimList, any> = /*#__PURE__*/ Schema.transform(
  Schema.Union(SimListObject, Schema.Array(Sim)),
  Schema.typeSchema(SimListObject),
  {
    strict: true,
    decode: (wire) => ("sims" in wire ? wire : { sims: wire }),
    encode: (list) => list
  }
)

/**
 * @example
 * ```ts
 * import type { Sim } from "@effect-particle/sims"
 *
 * const iccids = (list: Sim.SimList) => list.sims.map((s) => s.iccid)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface SimList extends Schema.Schema.Type<typeof SimListObject> {}

/**
 * One day of data usage, in MB.
 *
 * @example
 * ```ts
 * import { Sim } from "@effect-particle/sims"
 * import { Schema } from "effect"
 *
 * const day = Schema.decodeUnknownSync(Sim.UsageDay)({ date: "2024-01-15", mbs_used: 0.98, mbs_used_cumulative: 2.94 })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const UsageDay = /*#__PURE__*/ Schema.Struct({
  /** `2024-01-15` */
  date: Schema.String,
  mbs_used: Schema.Number,
  mbs_used_cumulative: Schema.Number
})

/**
 * The data usage of one SIM this billing period.
 *
 * @example
 * ```ts
 * import { getSIMDataUsage } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const days = getSIMDataUsage({ iccid: "8934076500002589174" }).pipe(Effect.map((u) => u.usage_by_day.length))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SimDataUsage = /*#__PURE__*/ Schema.Struct({
  iccid: Schema.optional(Schema.String),
  usage_by_day: Schema.Array(UsageDay),
  /** MB used this period (particle-api-js's type; not always sent). */
  used: Schema.optional(Schema.Number),
  /** The monthly limit in MB (particle-api-js's type; not always sent). */
  quota: optionalNumber
})

/**
 * @example
 * ```ts
 * import type { Sim } from "@effect-particle/sims"
 *
 * const used = (u: Sim.SimDataUsage) => u.usage_by_day.at(-1)?.mbs_used_cumulative ?? 0
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface SimDataUsage extends Schema.Schema.Type<typeof SimDataUsage> {}

/**
 * The data usage of every SIM of a product this billing period.
 *
 * @example
 * ```ts
 * import { getFleetDataUsage } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const active = getFleetDataUsage({ product: 4242 }).pipe(Effect.map((u) => u.total_active_sim_cards))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const FleetDataUsage = /*#__PURE__*/ Schema.Struct({
  total_mbs_used: Schema.Number,
  total_active_sim_cards: Schema.Number,
  usage_by_day: Schema.Array(UsageDay)
})

/**
 * @example
 * ```ts
 * import type { Sim } from "@effect-particle/sims"
 *
 * const perSim = (u: Sim.FleetDataUsage) => u.total_mbs_used / Math.max(1, u.total_active_sim_cards)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface FleetDataUsage extends Schema.Schema.Type<typeof FleetDataUsage> {}

/**
 * What a SIM action answers: an acknowledgement, with the SIM as it is now when the cloud sends it
 * (Particle documents no body for these actions).
 *
 * @example
 * ```ts
 * import { deactivateSIM } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const status = deactivateSIM({ iccid: "8934076500002589174" }).pipe(Effect.map((r) => r.sim?.status ?? "unknown"))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SimActionResult = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  sim: Schema.optional(Sim)
})

/**
 * @example
 * ```ts
 * import type { Sim } from "@effect-particle/sims"
 *
 * const isActive = (r: Sim.SimActionResult) => r.sim?.status === "active"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface SimActionResult extends Schema.Schema.Type<typeof SimActionResult> {}

/**
 * The answer of `getSIM`: `{ sim }` as documented, or the bare SIM as Particle's example shows; either
 * decodes to the SIM.
 *
 * @example
 * ```ts
 * import { Sim } from "@effect-particle/sims"
 * import { Schema } from "effect"
 *
 * const sim = Schema.decodeUnknownSync(Sim.SimEnvelope)({ sim: { _id: "8934076500002589174", status: "active" } })
 * // sim.iccid === "8934076500002589174"
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SimEnvelope: Schema.Schema<Sim, any> = /*#__PURE__*/ Schema.transform(
  Schema.Union(Schema.Struct({ sim: Sim }), Sim),
  Schema.typeSchema(Sim),
  {
    strict: true,
    decode: (wire) => ("sim" in wire ? (wire as { readonly sim: Sim }).sim : wire as Sim),
    encode: (sim) => sim
  }
)

/**
 * The answer of `getSIMStatus` (202): an asynchronous check of the SIM's connectivity; the
 * `sim_status` values are `null` until `meta.state` is `complete` (poll again after
 * `meta.check_again_after`).
 *
 * @example
 * ```ts
 * import { getSIMStatus } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const pending = getSIMStatus({ iccid: "8934076500002589174" }).pipe(Effect.map((s) => s.meta.state === "pending"))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SimStatus = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  meta: Schema.Struct({
    created_at: optionalText,
    expires_at: optionalText,
    check_again_after: optionalText,
    /** `pending` or `complete` */
    state: Schema.String,
    method: optionalText,
    task_id: optionalText
  }),
  sim_status: Schema.Struct({
    connected: Schema.NullOr(Schema.Boolean),
    gsm_connection: Schema.NullOr(Schema.Boolean),
    data_connection: Schema.NullOr(Schema.Boolean)
  })
})

/**
 * @example
 * ```ts
 * import type { Sim } from "@effect-particle/sims"
 *
 * const connected = (s: Sim.SimStatus) => s.sim_status.connected === true
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface SimStatus extends Schema.Schema.Type<typeof SimStatus> {}
