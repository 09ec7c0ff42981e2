/**
 * @since 0.1.0
 */
import { Input, Operation, type ParticleClient, ParticleError } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { decodeAll, withData } from "./internal/data.js"
import { LedgerName, org } from "./internal/input.js"
import { InstanceList, type LedgerInstance, type LedgerInstanceOf } from "./Ledger.js"

const ListLedgerInstancesOptions = /*#__PURE__*/ Schema.Struct({
  org,
  ledgerName: LedgerName,
  page: Schema.optional(Input.Page),
  perPage: Schema.optional(Input.PerPage)
})

const operation = /*#__PURE__*/ Operation.make({
  name: "listLedgerInstances",
  summary: "List one page of a ledger's instances (data optionally decoded with a schema)",
  method: "GET",
  routes: Operation.scoped("/ledgers/{ledgerName}/instances", "user", "org"),
  input: ListLedgerInstancesOptions,
  query: (i) => ({ page: i.page, per_page: i.perPage }),
  response: Operation.json(InstanceList),
  errors: [ParticleError.NotFound]
})

/**
 * The options of `listLedgerInstances`.
 *
 * @since 0.1.0
 * @category models
 */
export type ListLedgerInstancesOptions = typeof ListLedgerInstancesOptions.Encoded

/**
 * One page of instances.
 *
 * @since 0.1.0
 * @category models
 */
export interface InstancePage<I> {
  readonly instances: ReadonlyArray<I>
  readonly meta: typeof InstanceList.Type["meta"]
}

/**
 * `listLedgerInstances`, with or without a data schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListLedgerInstances {
  <A, I>(
    options: ListLedgerInstancesOptions & { readonly schema: Schema.Schema<A, I> }
  ): Effect.Effect<
    InstancePage<LedgerInstanceOf<A>>,
    Effect.Effect.Error<ReturnType<typeof operation>>,
    ParticleClient.ParticleClient
  >
  (options: ListLedgerInstancesOptions): Effect.Effect<
    InstancePage<LedgerInstance>,
    Effect.Effect.Error<ReturnType<typeof operation>>,
    ParticleClient.ParticleClient
  >
  readonly definition: Operation.Definition
}

/**
 * Lists one page of a ledger's instances (`GET /v1/ledgers/:ledgerName/instances`, or the org twin) as
 * `{ instances, meta }`. Options: `ledgerName`, `page` (from 1), `perPage` (sent as `per_page`; Particle's
 * default is 100), `org`, and `schema` to decode every instance's `data` (a mismatch is a `DecodeError`
 * naming e.g. `instances.2.data.interval`). `streamLedgerInstances` walks every page.
 *
 * Errors: `NotFound` (no such ledger or org), `DecodeError`, `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { listLedgerInstances } from "@effect-particle/ledger"
 * import { Effect } from "effect"
 *
 * const values = listLedgerInstances({ ledgerName: "device-config", perPage: 50 }).pipe(
 *   Effect.map(({ instances }) => instances.map((i) => i.scope.value))
 * )
 * ```
 *
 * @since 0.1.0
 * @category instances
 */
export const listLedgerInstances: ListLedgerInstances = /*#__PURE__*/ Object.assign(
  (options: ListLedgerInstancesOptions) =>
    withData(
      operation,
      options,
      200,
      (answer, decode) =>
        Effect.map(decodeAll(answer.instances, "instances", decode), (instances) => ({ ...answer, instances }))
    ),
  { definition: operation.definition }
) as any
