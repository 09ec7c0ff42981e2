/**
 * @since 0.1.0
 */
import { Input, Operation, type ParticleClient, ParticleError } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { decodeAll, withData } from "./internal/data.js"
import { LedgerName, org } from "./internal/input.js"
import { type LedgerInstance, type LedgerInstanceOf, VersionList } from "./Ledger.js"

const ListVersionsOptions = /*#__PURE__*/ Schema.Struct({
  org,
  ledgerName: LedgerName,
  scopeValue: Input.NonEmpty,
  replacedBefore: Schema.optional(Input.DateTime),
  replacedAfter: Schema.optional(Input.DateTime)
})

const operation = /*#__PURE__*/ Operation.make({
  name: "listLedgerInstanceVersions",
  summary: "List the versions an instance replaced (data optionally decoded with a schema)",
  method: "GET",
  routes: Operation.scoped("/ledgers/{ledgerName}/instances/{scopeValue}/versions", "user", "org"),
  input: ListVersionsOptions,
  query: (i) => ({ replaced_before: i.replacedBefore, replaced_after: i.replacedAfter }),
  response: Operation.json(VersionList),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})

/**
 * The options of `listLedgerInstanceVersions`.
 *
 * @since 0.1.0
 * @category models
 */
export type ListLedgerInstanceVersionsOptions = typeof ListVersionsOptions.Encoded

/**
 * Versions and whether there are more.
 *
 * @since 0.1.0
 * @category models
 */
export interface VersionPage<I> {
  readonly versions: ReadonlyArray<I>
  readonly meta: { readonly has_more: boolean }
}

/**
 * `listLedgerInstanceVersions`, with or without a data schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListLedgerInstanceVersions {
  <A, I>(
    options: ListLedgerInstanceVersionsOptions & { readonly schema: Schema.Schema<A, I> }
  ): Effect.Effect<
    VersionPage<LedgerInstanceOf<A>>,
    Effect.Effect.Error<ReturnType<typeof operation>>,
    ParticleClient.ParticleClient
  >
  (options: ListLedgerInstanceVersionsOptions): Effect.Effect<
    VersionPage<LedgerInstance>,
    Effect.Effect.Error<ReturnType<typeof operation>>,
    ParticleClient.ParticleClient
  >
  readonly definition: Operation.Definition
}

/**
 * Lists the versions an instance's data replaced, newest first
 * (`GET /v1/ledgers/:ledgerName/instances/:scopeValue/versions`, or the org twin), each with `replaced_at`.
 * `replacedBefore` / `replacedAfter` (a `Date` or an ISO string, sent as `replaced_before` /
 * `replaced_after`) narrow them; `meta.has_more` says older ones exist beyond this answer (ask again with
 * `replacedBefore` set to the last `replaced_at`). `schema` decodes each version's `data`.
 *
 * Errors: `NotFound` (no such ledger, scope value, instance or org), `BadRequest` (a date Particle cannot
 * read), `DecodeError`, `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { listLedgerInstanceVersions } from "@effect-particle/ledger"
 * import { Effect } from "effect"
 *
 * const lastHour = listLedgerInstanceVersions({
 *   ledgerName: "device-config",
 *   scopeValue: "0123456789abcdef01234567",
 *   replacedAfter: new Date(Date.now() - 3_600_000)
 * }).pipe(Effect.map(({ versions }) => versions.length))
 * ```
 *
 * @since 0.1.0
 * @category instances
 */
export const listLedgerInstanceVersions: ListLedgerInstanceVersions = /*#__PURE__*/ Object.assign(
  (options: ListLedgerInstanceVersionsOptions) =>
    withData(
      operation,
      options,
      200,
      (answer, decode) =>
        Effect.map(decodeAll(answer.versions, "versions", decode), (versions) => ({ ...answer, versions }))
    ),
  { definition: operation.definition }
) as any
