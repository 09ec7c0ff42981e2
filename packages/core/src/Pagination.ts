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
 * import { listDevices } from "@effect-particle/devices"
 *
 * const all = Pagination.paginate((page) =>
 *   listDevices({ product: 1337, page, perPage: 100 }).pipe(
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
  Stream.paginateChunkEffect(options.firstPage ?? 1, (page) =>
    Effect.map(fetchPage(page), (result): readonly [Chunk.Chunk<A>, Option.Option<number>] => {
      const last = result.items.length === 0 ||
        (result.totalPages !== undefined && page >= result.totalPages)
      return [Chunk.unsafeFromArray(result.items.slice()), last ? Option.none() : Option.some(page + 1)]
    }))
