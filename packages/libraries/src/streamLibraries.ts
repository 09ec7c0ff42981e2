/**
 * @since 0.1.0
 */
import { Operation, Pagination, type ParticleClient } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { Library } from "./Library.js"
import { listLibraries } from "./listLibraries.js"

type Options = Omit<NonNullable<Parameters<typeof listLibraries>[0]>, "page">
type Error = Effect.Effect.Error<ReturnType<typeof listLibraries>>

/**
 * Every firmware library that matches the filters, as a lazy `Stream` over all pages of `listLibraries`
 * (100 a page unless `limit` says otherwise): a page is requested only when the consumer needs it, and a
 * page shorter than `limit` is the last one. Its errors are raised when the page that fails is pulled.
 *
 * @example
 * ```ts
 * import { streamLibraries } from "@effect-particle/libraries"
 * import { Stream } from "effect"
 *
 * const names = streamLibraries({ filter: "sensor" }).pipe(
 *   Stream.map((lib) => lib.name),
 *   Stream.take(50),
 *   Stream.runCollect
 * )
 * ```
 *
 * @since 0.1.0
 * @category libraries
 */
export const streamLibraries:
  & ((options?: Options) => Stream.Stream<Library, Error, ParticleClient.ParticleClient>)
  & Operation.Streaming = /*#__PURE__*/ Operation.streaming(
    (options: Options = {}) => {
      const limit = options.limit ?? 100
      return Pagination.paginate((page) =>
        Effect.map(listLibraries({ ...options, limit, page }), (items) => ({
          items,
          totalPages: items.length < limit ? page : undefined
        }))
      )
    },
    {
      name: "streamLibraries",
      summary: "Every firmware library that matches the filters, as a `Stream` over all pages",
      kind: "pages",
      definition: listLibraries.definition
    }
  )
