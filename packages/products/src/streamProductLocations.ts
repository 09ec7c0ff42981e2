/**
 * @since 0.1.0
 */
import { Pagination } from "@effect-particle/core"
import { getProductLocations } from "./getProductLocations.js"
import type { DeviceLocation } from "./Location.js"

/**
 * The locations of every matching device of a product, as a lazy `Stream` over all pages of
 * `getProductLocations` (100 devices a page unless `perPage` says otherwise): a page is requested only when
 * the consumer needs it. Takes the filters of `getProductLocations`; a failing page fails the stream with
 * its typed error, and bad options fail it with `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { streamProductLocations } from "@effect-particle/products"
 * import { Stream } from "effect"
 *
 * const tracked = streamProductLocations({ product: 4242, dateRange: "2024-03-01T00:00:00Z,2024-03-02T00:00:00Z" }).pipe(
 *   Stream.runCount
 * )
 * ```
 *
 * @since 0.1.0
 * @category locations
 */
export const streamProductLocations: Pagination.StreamOf<typeof getProductLocations, DeviceLocation> =
  /*#__PURE__*/ Pagination.stream({
    name: "streamProductLocations",
    summary: "The locations of every matching device of a product, as a `Stream` over all pages",
    operation: getProductLocations,
    items: (page) => page.locations,
    totalPages: (page) => page.meta.total_pages,
    perPage: 100
  })
