/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { readInstance } from "./internal/data.js"
import { LedgerName, org } from "./internal/input.js"
import { type InstanceRead, LedgerInstance } from "./Ledger.js"

const GetVersionOptions = /*#__PURE__*/ Schema.Struct({
  org,
  ledgerName: LedgerName,
  scopeValue: Input.NonEmpty,
  version: Schema.Union(
    Schema.Number.pipe(Schema.int(), Schema.positive()),
    Schema.String.pipe(Schema.minLength(1))
  ).annotations({ message: () => "must be a version number or id" })
})

const operation = /*#__PURE__*/ Operation.make({
  name: "getLedgerInstanceVersion",
  summary: "Get one version of a ledger instance (data optionally decoded with a schema)",
  method: "GET",
  routes: Operation.scoped("/ledgers/{ledgerName}/instances/{scopeValue}/versions/{version}", "user", "org"),
  input: GetVersionOptions,
  response: Operation.json(Schema.pluck(Schema.Struct({ instance: LedgerInstance }), "instance")),
  errors: [ParticleError.NotFound]
})

/**
 * The options of `getLedgerInstanceVersion`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetLedgerInstanceVersionOptions = typeof GetVersionOptions.Encoded

/**
 * `getLedgerInstanceVersion`, with or without a data schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface GetLedgerInstanceVersion
  extends InstanceRead<GetLedgerInstanceVersionOptions, Effect.Effect.Error<ReturnType<typeof operation>>>
{}

/**
 * Gets one version of a ledger instance
 * (`GET /v1/ledgers/:ledgerName/instances/:scopeValue/versions/:version`, or the org twin): the data it held
 * then, as `{ "instance": … }` (unwrapped here). The current version answers the current data. `schema`
 * decodes `data`.
 *
 * Errors: `NotFound` (no such version, instance, ledger or org), `DecodeError`, `InvalidInput` before any
 * request.
 *
 * @example
 * ```ts
 * import { getLedgerInstanceVersion } from "@effect-particle/ledger"
 *
 * const first = getLedgerInstanceVersion({ ledgerName: "device-config", scopeValue: "0123456789abcdef01234567", version: 1 })
 * ```
 *
 * @since 0.1.0
 * @category instances
 */
export const getLedgerInstanceVersion: GetLedgerInstanceVersion = /*#__PURE__*/ readInstance(operation)
