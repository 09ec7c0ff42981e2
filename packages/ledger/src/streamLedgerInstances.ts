/**
 * @since 0.1.0
 */
import { Operation, Pagination, type ParticleClient } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { LedgerInstance, LedgerInstanceOf } from "./Ledger.js"
import { listLedgerInstances, type ListLedgerInstancesOptions } from "./listLedgerInstances.js"

type Options = Omit<ListLedgerInstancesOptions, "page">
type Errors = Effect.Effect.Error<ReturnType<typeof listLedgerInstances>>

/**
 * `streamLedgerInstances`, with or without a data schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface StreamLedgerInstances extends Operation.Streaming {
  <A, I>(
    options: Options & { readonly schema: Schema.Schema<A, I> }
  ): Stream.Stream<LedgerInstanceOf<A>, Errors, ParticleClient.ParticleClient>
  (options: Options): Stream.Stream<LedgerInstance, Errors, ParticleClient.ParticleClient>
}

/**
 * Every instance of a ledger, as a lazy `Stream` over all pages of `listLedgerInstances` (100 a page unless
 * `perPage` says otherwise), with `data` decoded by `schema` when given; a page is requested when the
 * consumer needs it, so memory stays constant whatever the number of devices.
 *
 * @example
 * ```ts
 * import { streamLedgerInstances } from "@effect-particle/ledger"
 * import { Schema, Stream } from "effect"
 *
 * const Config = Schema.Struct({ interval: Schema.Number })
 * const slow = streamLedgerInstances({ ledgerName: "device-config", schema: Config }).pipe(
 *   Stream.filter((i) => i.data.interval > 60),
 *   Stream.runCount
 * )
 * ```
 *
 * @since 0.1.0
 * @category instances
 */
export const streamLedgerInstances: StreamLedgerInstances = /*#__PURE__*/ Operation.streaming(
  (options: Options & { readonly schema?: Schema.Schema<any, any> }) =>
    Pagination.paginate((page) =>
      Effect.map(
        listLedgerInstances({ ...options, page, perPage: options.perPage ?? 100 } as ListLedgerInstancesOptions),
        (r) => ({ items: r.instances, totalPages: r.meta.total_pages })
      )
    ),
  {
    name: "streamLedgerInstances",
    summary: "Every instance of a ledger (data optionally decoded), as a `Stream` over all pages",
    kind: "pages",
    definition: listLedgerInstances.definition
  }
) as any
