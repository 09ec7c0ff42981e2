/**
 * @since 0.1.0
 */
import { Pagination } from "@effect-particle/core"
import type { DeviceSummary } from "./Device.js"
import { listProductDevices } from "./listProductDevices.js"

/**
 * Every device of a product, as a lazy `Stream` over all pages of `listProductDevices` (100 devices a page
 * unless `perPage` says otherwise): a page is requested only when the consumer needs it, so memory stays
 * constant whatever the fleet size, and interrupting the stream stops the paging. Takes the filters of
 * `listProductDevices`; its errors are raised when the page that fails is pulled.
 *
 * @example
 * ```ts
 * import { streamDevices } from "@effect-particle/devices"
 * import { Effect, Stream } from "effect"
 *
 * const onlineCount = streamDevices({ product: 4242, groups: ["europe"] }).pipe(
 *   Stream.filter((d) => d.online),
 *   Stream.runCount
 * )
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const streamDevices: Pagination.StreamOf<typeof listProductDevices, DeviceSummary> = /*#__PURE__*/ Pagination
  .stream({
    name: "streamDevices",
    summary: "Every device of a product, with filters, as a `Stream` over all pages",
    operation: listProductDevices,
    items: (page) => page.devices,
    totalPages: (page) => page.meta.total_pages,
    perPage: 100
  })
