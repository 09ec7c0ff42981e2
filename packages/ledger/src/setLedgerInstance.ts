/**
 * @since 0.1.0
 */
import { Input, Operation, type ParticleClient, ParticleError } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { encodeData, schemaOf, withData } from "./internal/data.js"
import { LedgerName, org } from "./internal/input.js"
import { LedgerData, LedgerInstance, type LedgerInstanceOf, SetMode } from "./Ledger.js"

const SetLedgerInstanceOptions = /*#__PURE__*/ Schema.Struct({
  org,
  ledgerName: LedgerName,
  scopeValue: Input.NonEmpty,
  instance: Schema.Struct({ data: LedgerData }),
  setMode: Schema.optional(SetMode)
})

const operation = /*#__PURE__*/ Operation.make({
  name: "setLedgerInstance",
  summary: "Set a ledger instance's data (`Replace` or `Merge`)",
  method: "PUT",
  routes: Operation.scoped("/ledgers/{ledgerName}/instances/{scopeValue}", "user", "org"),
  input: SetLedgerInstanceOptions,
  query: (i) => ({ set_mode: i.setMode }),
  body: (i) => Operation.jsonBody({ instance: i.instance }),
  response: Operation.json(Schema.pluck(Schema.Struct({ instance: LedgerInstance }), "instance")),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})

/**
 * The options of `setLedgerInstance`.
 *
 * @since 0.1.0
 * @category models
 */
export type SetLedgerInstanceOptions = typeof SetLedgerInstanceOptions.Encoded

/**
 * `setLedgerInstance`, with or without a data schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface SetLedgerInstance {
  <A, I extends { readonly [key: string]: unknown }>(
    options: Omit<SetLedgerInstanceOptions, "instance"> & {
      readonly instance: { readonly data: NoInfer<A> }
      readonly schema: Schema.Schema<A, I>
    }
  ): Effect.Effect<
    LedgerInstanceOf<A>,
    Effect.Effect.Error<ReturnType<typeof operation>>,
    ParticleClient.ParticleClient
  >
  (options: SetLedgerInstanceOptions): Effect.Effect<
    LedgerInstance,
    Effect.Effect.Error<ReturnType<typeof operation>>,
    ParticleClient.ParticleClient
  >
  readonly definition: Operation.Definition
}

/**
 * Sets the data of a ledger instance (`PUT /v1/ledgers/:ledgerName/instances/:scopeValue?set_mode=…`, or the
 * org twin) with `{ instance: { data } }`, as particle-api-js sends it; the query carries `set_mode` when
 * given. `Replace` (Particle's default) makes `data` the whole data; `Merge` sets the top-level keys of
 * `data` and keeps the others. The replaced data becomes a version (see `listLedgerInstanceVersions`).
 * Particle answers 201 with the instance.
 *
 * Pass `schema` to encode `instance.data` with it before sending (a value it rejects is `InvalidInput` on
 * `instance.data.<field>`, before any request) and decode the answer's data with it (`DecodeError` on
 * mismatch).
 *
 * Errors:
 * - `NotFound`: no such ledger, scope value or org; or a `Merge` into an instance that does not exist yet.
 * - `BadRequest`: data Particle refuses (more than 16 KB, not an object), an archived ledger.
 *
 * @example
 * ```ts
 * import { setLedgerInstance } from "@effect-particle/ledger"
 * import { Schema } from "effect"
 *
 * const Config = Schema.Struct({ interval: Schema.Number })
 * const faster = setLedgerInstance({
 *   ledgerName: "device-config",
 *   scopeValue: "0123456789abcdef01234567",
 *   instance: { data: { interval: 30 } },
 *   setMode: "Merge",
 *   schema: Config
 * })
 * ```
 *
 * @since 0.1.0
 * @category instances
 */
export const setLedgerInstance: SetLedgerInstance = /*#__PURE__*/ Object.assign(
  (options: SetLedgerInstanceOptions & { readonly schema?: Schema.Schema<any, any> }) => {
    const schema = schemaOf(options)
    if (schema._tag === "Left") return Effect.fail(schema.left)
    if (schema.right === undefined) return operation(options)
    const s = schema.right
    const instance = typeof options.instance === "object" && options.instance !== null ? options.instance : undefined
    return Effect.flatMap(encodeData(s, instance?.data, "instance.data"), (data) => {
      const encoded = { ...options, instance: { ...instance, data } }
      return withData(
        operation,
        encoded,
        201,
        (answer, decode) =>
          Effect.map(decode(answer.data, "instance.data"), (decoded) => ({ ...answer, data: decoded }))
      )
    })
  },
  { definition: operation.definition }
) as any
