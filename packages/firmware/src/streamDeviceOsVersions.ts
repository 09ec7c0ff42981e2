/**
 * @since 0.2.0
 */
import { Pagination } from "@effect-particle/core"
import type { DeviceOsVersion } from "./DeviceOs.js"
import { listDeviceOsVersions } from "./listDeviceOsVersions.js"

/**
 * Every Device OS release (newest first), optionally for one platform, as a lazy `Stream` over all pages of
 * `listDeviceOsVersions` (100 a page unless `perPage` says otherwise).
 *
 * @example
 * ```ts
 * import { streamDeviceOsVersions } from "@effect-particle/firmware"
 * import { Stream } from "effect"
 *
 * const gaForP2 = streamDeviceOsVersions({ platformId: 32 }).pipe(
 *   Stream.filter((v) => v.release_state === "ga"),
 *   Stream.map((v) => v.version),
 *   Stream.runCollect
 * )
 * ```
 *
 * @since 0.2.0
 * @category device os
 */
export const streamDeviceOsVersions: Pagination.StreamOf<typeof listDeviceOsVersions, DeviceOsVersion> =
  /*#__PURE__*/ Pagination.stream({
    name: "streamDeviceOsVersions",
    summary: "Every Device OS release, as a `Stream` over all pages",
    operation: listDeviceOsVersions,
    items: (page) => page.versions,
    totalPages: (page) => page.meta.total_pages,
    perPage: 100
  })
