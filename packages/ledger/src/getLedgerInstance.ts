/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { readInstance } from "./internal/data.js"
import { LedgerName, org } from "./internal/input.js"
import { type InstanceRead, LedgerInstance } from "./Ledger.js"

const GetLedgerInstanceOptions = /*#__PURE__*/ Schema.Struct({
  org,
  ledgerName: LedgerName,
  scopeValue: Input.NonEmpty
})

const operation = /*#__PURE__*/ Operation.make({
  name: "getLedgerInstance",
  summary: "Get a ledger instance (data optionally decoded with a schema)",
  method: "GET",
  routes: Operation.scoped("/ledgers/{ledgerName}/instances/{scopeValue}", "user", "org"),
  input: GetLedgerInstanceOptions,
  response: Operation.json(Schema.pluck(Schema.Struct({ instance: LedgerInstance }), "instance")),
  errors: [ParticleError.NotFound]
})

/**
 * The options of `getLedgerInstance`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetLedgerInstanceOptions = typeof GetLedgerInstanceOptions.Encoded

/**
 * `getLedgerInstance`, with or without a data schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface GetLedgerInstance
  extends InstanceRead<GetLedgerInstanceOptions, Effect.Effect.Error<ReturnType<typeof operation>>>
{}

/**
 * Gets the instance of a ledger for one scope value (`GET /v1/ledgers/:ledgerName/instances/:scopeValue`,
 * or the org twin): the owner's id for an `Owner` ledger, a product id for a `Product` ledger, a device id
 * for a `Device` ledger. Particle answers `{ "instance": … }`, unwrapped here.
 *
 * Pass `schema` to decode `data` with it: the result's `data` is the schema's type, and data that does not
 * match is a `DecodeError` whose `path` names the field (e.g. `instance.data.interval`).
 *
 * Errors: `NotFound` (no such ledger, scope value or instance, or org), `DecodeError`, `InvalidInput` before
 * any request.
 *
 * @example
 * ```ts
 * import { getLedgerInstance } from "@effect-particle/ledger"
 * import { Effect, Schema } from "effect"
 *
 * const Config = Schema.Struct({ interval: Schema.Number, mode: Schema.Literal("eco", "full") })
 * const interval = getLedgerInstance({ ledgerName: "device-config", scopeValue: "0123456789abcdef01234567", schema: Config })
 *   .pipe(Effect.map((instance) => instance.data.interval))
 * ```
 *
 * @since 0.1.0
 * @category instances
 */
export const getLedgerInstance: GetLedgerInstance = /*#__PURE__*/ readInstance(operation)
