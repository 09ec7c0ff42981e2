/**
 * Turns a paged endpoint into a lazy `Stream`: one page is requested when the consumer needs it, so memory
 * stays constant whatever the number of pages.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Operation from "./Operation.js"
import type { ParticleClient } from "./ParticleClient.js"

/**
 * One page of results and, when the endpoint says it, how many pages there are.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly totalPages?: number | undefined
}

/**
 * Walks pages 1, 2, … until a page is empty or `totalPages` is reached.
 *
 * @example
 * ```ts
 * import { Pagination } from "@effect-particle/core"
 * import { listProductDevices } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const all = Pagination.paginate((page) =>
 *   listProductDevices({ product: 1337, page, perPage: 100 }).pipe(
 *     Effect.map((r) => ({ items: r.devices, totalPages: r.meta.total_pages }))
 *   )
 * )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const paginate = <A, E, R>(
  fetchPage: (page: number) => Effect.Effect<Page<A>, E, R>,
  options: { readonly firstPage?: number | undefined } = {}
): Stream.Stream<A, E, R> =>
  Stream.paginateChunkEffect(
    options.firstPage ?? 1,
    (page) =>
      Effect.map(fetchPage(page), (result): readonly [Chunk.Chunk<A>, Option.Option<number>] => {
        const last = result.items.length === 0 ||
          (result.totalPages !== undefined && page >= result.totalPages)
        return [Chunk.unsafeFromArray(result.items.slice()), last ? Option.none() : Option.some(page + 1)]
      })
  )

/**
 * A stream over every page of an operation, marked with the operation it is built on.
 *
 * @since 0.2.0
 * @category models
 */
export interface PagedStream<Params, Item, E> extends Operation.Streaming {
  (params: Params): Stream.Stream<Item, E, ParticleClient>
}

/**
 * The {@link PagedStream} of an operation: annotate exported streams with it, e.g.
 * `export const streamDevices: Pagination.StreamOf<typeof listProductDevices, DeviceSummary> = …`
 * (TypeScript cannot always name the inferred type in declaration files).
 *
 * @since 0.2.0
 * @category models
 */
export type StreamOf<Op, Item> = Op extends Operation.Operation<infer IE, any, infer E, any>
  ? PagedStream<Omit<IE, "page">, Item, E>
  : never

/**
 * The stream form of a paged operation: every page, lazily, as one `Stream` of items, marked (for docs and
 * the coverage table) as built on `operation`. The stream takes the operation's options without `page`;
 * `perPage` defaults to `perPage` here.
 *
 * @example
 * ```ts
 * import { Pagination } from "@effect-particle/core"
 * import { listProductDevices } from "@effect-particle/devices"
 *
 * export const streamDevices = Pagination.stream({
 *   name: "streamDevices",
 *   summary: "Every device of a product",
 *   operation: listProductDevices,
 *   items: (page) => page.devices,
 *   totalPages: (page) => page.meta.total_pages,
 *   perPage: 100
 * })
 * ```
 *
 * @since 0.2.0
 * @category constructors
 */
export const stream = <IE, A, E, Item>(options: {
  readonly name: string
  readonly summary: string
  readonly operation: Operation.Operation<IE, A, E>
  readonly items: (page: A) => ReadonlyArray<Item>
  readonly totalPages?: ((page: A) => number | undefined) | undefined
  readonly perPage?: number | undefined
}): PagedStream<Omit<IE, "page">, Item, E> =>
  Operation.streaming(
    (params: Omit<IE, "page">) =>
      paginate((page) =>
        Effect.map(
          (options.operation as Operation.Operation<any, A, E>)({
            ...(typeof params === "object" && params !== null ? params : {}),
            page,
            ...(options.perPage !== undefined && (params as { perPage?: unknown } | null)?.perPage === undefined
              ? { perPage: options.perPage }
              : {})
          }),
          (result) => ({ items: options.items(result), totalPages: options.totalPages?.(result) })
        )
      ),
    { name: options.name, summary: options.summary, kind: "pages", definition: options.operation.definition }
  )
