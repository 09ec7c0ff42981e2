/**
 * Schemas of ledger definitions, ledger instances and their version history, and the option schemas the
 * operations share. Field names stay as Particle sends them; unknown extra fields are tolerated.
 *
 * @since 0.1.0
 */
import type { Operation, ParticleClient } from "@effect-particle/core"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { LedgerName as LedgerNameInput } from "./internal/input.js"

/**
 * Who a ledger's instances belong to: the owner (your sandbox or the org, one instance), each product (an
 * instance per product id) or each device (an instance per device id).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerScope = /*#__PURE__*/ Schema.Literal("Owner", "Product", "Device")

/**
 * @since 0.1.0
 * @category models
 */
export type LedgerScope = typeof LedgerScope.Type

/**
 * Which way a ledger syncs with devices: `Downstream` (cloud to device) or `Upstream` (device to cloud).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerDirection = /*#__PURE__*/ Schema.Literal("Downstream", "Upstream")

/**
 * @since 0.1.0
 * @category models
 */
export type LedgerDirection = typeof LedgerDirection.Type

/**
 * How `setLedgerInstance` combines the new data with the old: `Replace` (the default) or `Merge` (top-level
 * keys of the new data replace those of the old; others stay).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SetMode = /*#__PURE__*/ Schema.Literal("Replace", "Merge")

/**
 * @since 0.1.0
 * @category models
 */
export type SetMode = typeof SetMode.Type

/**
 * A ledger name as an option: 1 to 32 lowercase letters, digits and dashes, checked before any request.
 *
 * @example
 * ```ts
 * import { Ledger } from "@effect-particle/ledger"
 * import { Schema } from "effect"
 *
 * Schema.decodeUnknownSync(Ledger.LedgerName)("device-config")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerName = LedgerNameInput

/**
 * A ledger definition: its name, scope, direction and description; `archived_at` is set once archived.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerDefinition = /*#__PURE__*/ Schema.Struct({
  name: Schema.String,
  scope: LedgerScope,
  /** `Downstream` or `Upstream` (a string, so a direction Particle adds later still decodes). */
  direction: Schema.String,
  description: Schema.optionalWith(Schema.String, { default: () => "" }),
  created_at: Schema.String,
  updated_at: Schema.String,
  archived_at: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LedgerDefinition extends Schema.Schema.Type<typeof LedgerDefinition> {}

/**
 * The owner, product or device an instance belongs to. `name` is the product's, device's or owner's name;
 * `not_owned` marks an instance of a device or product you no longer own.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InstanceScope = /*#__PURE__*/ Schema.Struct({
  type: LedgerScope,
  value: Schema.String,
  name: Schema.optional(Schema.String),
  not_owned: Schema.optional(Schema.Boolean)
})

/**
 * JSON data as a ledger holds it: an object of JSON values.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerData = /*#__PURE__*/ Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * @since 0.1.0
 * @category models
 */
export type LedgerData = typeof LedgerData.Type

/**
 * One ledger instance: the data of one scope value, its size, and when it was created and last set.
 * Versions (from `listLedgerInstanceVersions`) also carry `replaced_at`. Pass `schema` to the instance
 * operations to get `data` decoded (see {@link LedgerInstanceOf}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerInstance = /*#__PURE__*/ Schema.Struct({
  name: Schema.String,
  scope: InstanceScope,
  size_bytes: Schema.Number,
  data: LedgerData,
  /** The version number (the simulator sends it; use it with `getLedgerInstanceVersion`). */
  version: Schema.optional(Schema.Number),
  created_at: Schema.String,
  updated_at: Schema.String,
  /** Versions only: when this version was replaced. */
  replaced_at: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LedgerInstance extends Schema.Schema.Type<typeof LedgerInstance> {}

/**
 * A ledger instance whose `data` was decoded with your schema.
 *
 * @example
 * ```ts
 * import type { Ledger } from "@effect-particle/ledger"
 *
 * type Config = { readonly interval: number }
 * declare const instance: Ledger.LedgerInstanceOf<Config>
 * const seconds: number = instance.data.interval
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type LedgerInstanceOf<D> = Omit<LedgerInstance, "data"> & { readonly data: D }

/**
 * The shape of the operations that read one instance (`getLedgerInstance`, `getLedgerInstanceVersion`):
 * with a `schema` in the options the answer's `data` is decoded with it, without one it stays `LedgerData`.
 *
 * @since 0.1.0
 * @category models
 */
export interface InstanceRead<Options, E> {
  <A, I>(
    options: Options & { readonly schema: Schema.Schema<A, I> }
  ): Effect.Effect<LedgerInstanceOf<A>, E, ParticleClient.ParticleClient>
  (options: Options): Effect.Effect<LedgerInstance, E, ParticleClient.ParticleClient>
  readonly definition: Operation.Definition
}

/**
 * Paging information of ledger lists.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PageMeta = /*#__PURE__*/ Schema.Struct({
  page: Schema.optional(Schema.Number),
  per_page: Schema.optional(Schema.Number),
  total_pages: Schema.Number,
  total: Schema.optional(Schema.Number)
})

/**
 * A page of ledger definitions. Particle's docs name the list `ledgers`, particle-api-js's types
 * `ledger_definitions`: either decodes, as `ledgers`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerList = /*#__PURE__*/ Schema.transform(
  Schema.Struct({
    ledgers: Schema.optional(Schema.Array(LedgerDefinition)),
    ledger_definitions: Schema.optional(Schema.Array(LedgerDefinition)),
    meta: PageMeta
  }).pipe(
    Schema.filter((l) => l.ledgers !== undefined || l.ledger_definitions !== undefined || "has no ledgers list")
  ),
  Schema.Struct({ ledgers: Schema.Array(Schema.typeSchema(LedgerDefinition)), meta: Schema.typeSchema(PageMeta) }),
  {
    strict: true,
    decode: (l) => ({ ledgers: l.ledgers ?? l.ledger_definitions ?? [], meta: l.meta }),
    encode: (l) => ({ ledgers: l.ledgers, meta: l.meta })
  }
)

/**
 * A page of ledger instances.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InstanceList = /*#__PURE__*/ Schema.Struct({ instances: Schema.Array(LedgerInstance), meta: PageMeta })

/**
 * Versions of an instance (newest first) and whether there are older ones than this answer holds (ask again
 * with `replacedBefore` set to the last one's `replaced_at`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const VersionList = /*#__PURE__*/ Schema.Struct({
  versions: Schema.Array(LedgerInstance),
  meta: Schema.Struct({ has_more: Schema.Boolean })
})

/**
 * The definition fields of `createLedger` (sent as `{ ledger: … }`, as particle-api-js sends them):
 * `name`, `scope`, and optionally `direction` (Particle's default is `Downstream`) and `description`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NewLedger = /*#__PURE__*/ Schema.Struct({
  name: LedgerNameInput,
  scope: LedgerScope,
  direction: Schema.optional(LedgerDirection),
  description: Schema.optional(Schema.String)
})

/**
 * The definition fields of `updateLedger`: `description` and `direction` can change; `name` and `scope`,
 * if given, must be the ledger's own.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerChanges = /*#__PURE__*/ Schema.Struct({
  name: Schema.optional(LedgerNameInput),
  scope: Schema.optional(LedgerScope),
  direction: Schema.optional(LedgerDirection),
  description: Schema.optional(Schema.String)
})
