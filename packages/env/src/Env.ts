/**
 * Schemas of environment variables as Particle answers them (`latest`, `last_snapshot`, `on_device`), the
 * rendered view, the rollout review, and the options of `updateEnvVars`. Field names stay as Particle sends
 * them; unknown extra fields are tolerated.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Key } from "./internal/scope.js"

/**
 * A variable key as an option: upper-case letters, digits and underscores, not starting with a digit —
 * checked before any request, as Particle validates it.
 *
 * @example
 * ```ts
 * import { Env } from "@effect-particle/env"
 * import { Schema } from "effect"
 *
 * Schema.decodeUnknownSync(Env.EnvKey)("API_URL")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const EnvKey = Key

/**
 * One operation of `updateEnvVars`: `{ op: "Set", key, value }` or `{ op: "Unset", key }`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EnvVarOp = /*#__PURE__*/ Schema.Struct({
  op: Schema.Literal("Set", "Unset"),
  key: Key,
  value: Schema.optional(Schema.String)
}).pipe(
  Schema.filter((o) => o.op === "Unset" || o.value !== undefined || { path: ["value"], message: "is required for Set" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type EnvVarOp = typeof EnvVarOp.Type

/**
 * A variable set on the scope itself. `access` is `["Device"]` today.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OwnVar = /*#__PURE__*/ Schema.Struct({
  value: Schema.String,
  access: Schema.optional(Schema.Array(Schema.String))
})

/**
 * A variable the scope inherits, and where from: `Owner` (the sandbox or org), `Product`, or `Firmware`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InheritedVar = /*#__PURE__*/ Schema.Struct({
  from: Schema.String,
  value: Schema.String,
  access: Schema.optional(Schema.Array(Schema.String))
})

const vars = <A, I>(value: Schema.Schema<A, I>) =>
  Schema.optionalWith(Schema.Record({ key: Schema.String, value }), { default: () => ({}) })

/**
 * What is set now: the scope's own variables and what it inherits (an own variable overrides an inherited
 * one of the same key), with when and by whom it was last changed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EnvVarsLatest = /*#__PURE__*/ Schema.Struct({
  own: vars(OwnVar),
  inherited: vars(InheritedVar),
  created_at: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  updated_at: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  created_by: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  updated_by: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null })
})

/**
 * What the last rollout delivered, and when and by whom it was rolled out.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EnvVarsSnapshot = /*#__PURE__*/ Schema.Struct({
  own: vars(OwnVar),
  inherited: vars(InheritedVar),
  rollout_at: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  rollout_by: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null })
})

/**
 * Device scope only: the variables the device reported having.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EnvVarsOnDevice = /*#__PURE__*/ Schema.Struct({
  rendered: Schema.Record({ key: Schema.String, value: Schema.String }),
  last_reported_at: Schema.optional(Schema.String),
  development_env: Schema.optional(Schema.Boolean)
})

/**
 * The variables of a scope: `latest` (set now), `last_snapshot` (rolled out; `null` before the first
 * rollout) and, for a device, `on_device`. A difference between `latest` and `last_snapshot` is a change
 * waiting for a rollout (`reviewEnvVarsRollout` lists it).
 *
 * @since 0.1.0
 * @category schemas
 */
export const EnvVars = /*#__PURE__*/ Schema.Struct({
  latest: Schema.optionalWith(EnvVarsLatest, {
    default: () => ({ own: {}, inherited: {}, created_at: null, updated_at: null, created_by: null, updated_by: null })
  }),
  last_snapshot: Schema.optionalWith(Schema.NullOr(EnvVarsSnapshot), { default: () => null }),
  on_device: Schema.optional(EnvVarsOnDevice)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface EnvVars extends Schema.Schema.Type<typeof EnvVars> {}

/**
 * The flattened variables of a scope (inherited and own, own winning), with when they last changed and when
 * they were last rolled out.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RenderedEnvVars = /*#__PURE__*/ Schema.Struct({
  env: Schema.Record({ key: Schema.String, value: Schema.String }),
  last_updated_at: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  rollout_at: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  rollout_by: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null })
})

/**
 * One change a rollout would make, discriminated by `op`: `Added` (`after`), `Removed` (`before`) or
 * `Changed` (`before` and `after`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RolloutChange = /*#__PURE__*/ Schema.Union(
  Schema.Struct({ op: Schema.Literal("Added"), key: Schema.String, after: Schema.String }),
  Schema.Struct({ op: Schema.Literal("Removed"), key: Schema.String, before: Schema.String }),
  Schema.Struct({ op: Schema.Literal("Changed"), key: Schema.String, before: Schema.String, after: Schema.String })
)

/**
 * @since 0.1.0
 * @category models
 */
export type RolloutChange = typeof RolloutChange.Type

/**
 * The changes from one state to another, and the variables that stay.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RolloutDiff = /*#__PURE__*/ Schema.Struct({
  changes: Schema.Array(RolloutChange),
  unchanged: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), { default: () => ({}) })
})

/**
 * What a rollout would change: from the last snapshot and, for a device, from what the device has.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RolloutReview = /*#__PURE__*/ Schema.Struct({
  from_snapshot: RolloutDiff,
  from_device: Schema.optional(RolloutDiff)
})

/**
 * The answer of `startEnvVarsRollout`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RolloutStarted = /*#__PURE__*/ Schema.Struct({ success: Schema.Boolean })

/**
 * When devices get a rollout: `Immediate` (online devices now) or `Connect` (at their next connection).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RolloutWhen = /*#__PURE__*/ Schema.Literal("Immediate", "Connect")
