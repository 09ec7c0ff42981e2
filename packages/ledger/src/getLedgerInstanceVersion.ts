/**
 * @since 0.1.0
 */
import { Input, Operation, type ParticleClient, ParticleError } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { withData } from "./internal/data.js"
import { envelope } from "./internal/envelope.js"
import { LedgerName, org } from "./internal/input.js"
import { LedgerInstance, type LedgerInstanceOf } from "./Ledger.js"

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
  response: Operation.json(envelope("instance", LedgerInstance)),
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
export interface GetLedgerInstanceVersion {
  <A, I>(
    options: GetLedgerInstanceVersionOptions & { readonly schema: Schema.Schema<A, I> }
  ): Effect.Effect<
    LedgerInstanceOf<A>,
    Effect.Effect.Error<ReturnType<typeof operation>>,
    ParticleClient.ParticleClient
  >
  (options: GetLedgerInstanceVersionOptions): Effect.Effect<
    LedgerInstance,
    Effect.Effect.Error<ReturnType<typeof operation>>,
    ParticleClient.ParticleClient
  >
  readonly definition: Operation.Definition
}

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
export const getLedgerInstanceVersion: GetLedgerInstanceVersion = /*#__PURE__*/ Object.assign(
  (options: GetLedgerInstanceVersionOptions) =>
    withData(
      operation,
      options,
      200,
      (answer, decode) => Effect.map(decode(answer.data, "instance.data"), (data) => ({ ...answer, data }))
    ),
  { definition: operation.definition }
) as any
