/**
 * @since 0.1.0
 */
import type { Operation, ParticleClient, ParticleError } from "@effect-particle/core"
import { Pagination } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { DeviceSummary } from "./Device.js"
import type { ProductDeviceFilters } from "./listProductDevices.js"
import { listProductDevices } from "./listProductDevices.js"

/**
 * Options of {@link streamDevices}: the filters of `listProductDevices`, plus the page size.
 *
 * @since 0.1.0
 * @category models
 */
export type StreamDevicesOptions = typeof ProductDeviceFilters.Encoded & {
  /** Devices requested per page (default 100). */
  readonly perPage?: number
}

/**
 * Every device of a product, as a lazy `Stream` over all pages of `listProductDevices`: a page is
 * requested only when the consumer needs it, so memory stays constant whatever the fleet size, and
 * interrupting the stream stops the paging.
 *
 * Errors: those of `listProductDevices` (`NotFound` for an unknown product, `Forbidden`, `InvalidInput`
 * for a bad product or filter, …), raised when the page that fails is pulled.
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
export const streamDevices = (
  options: StreamDevicesOptions
): Stream.Stream<DeviceSummary, Operation.ErrorOf<readonly [typeof ParticleError.NotFound], true>, ParticleClient.ParticleClient> =>
  Pagination.paginate((page) =>
    Effect.map(
      listProductDevices({ ...options, page, perPage: options.perPage ?? 100 }),
      (result) => ({ items: result.devices, totalPages: result.meta.total_pages })
    )
  )
