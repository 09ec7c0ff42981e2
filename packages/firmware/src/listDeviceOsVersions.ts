/**
 * @since 0.1.0
 */
import { Input, Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { DeviceOsVersionList } from "./DeviceOs.js"
import { PlatformId } from "./internal/input.js"

/**
 * Lists Device OS releases, newest first, optionally for one platform or one internal (module) version,
 * one page at a time, as `{ versions, meta }` (`streamDeviceOsVersions` walks every page).
 *
 * Options (particle-api-js names): `platformId`, `internalVersion`, `page`, `perPage` (sent as
 * `platform_id`, `internal_version`, `page`, `per_page`).
 *
 * Every error is listed in the README table; none has a meaning particular to this endpoint.
 *
 * @example
 * ```ts
 * import { listDeviceOsVersions } from "@effect-particle/firmware"
 * import { Effect } from "effect"
 *
 * const p2Versions = listDeviceOsVersions({ platformId: 32, perPage: 50 }).pipe(
 *   Effect.map(({ versions }) => versions.map((v) => v.version))
 * )
 * ```
 *
 * @since 0.1.0
 * @category device os
 */
export const listDeviceOsVersions = /*#__PURE__*/ Operation.make({
  name: "listDeviceOsVersions",
  summary: "List Device OS versions",
  method: "GET",
  routes: [{ path: "/v1/device-os/versions" }],
  input: Schema.Struct({
    platformId: Schema.optional(PlatformId),
    internalVersion: Schema.optional(Schema.Number.pipe(Schema.int({ message: () => "must be an integer" }))),
    page: Schema.optional(Input.Page),
    perPage: Schema.optional(Input.PerPage)
  }),
  query: (i) => ({
    platform_id: i.platformId,
    internal_version: i.internalVersion,
    page: i.page,
    per_page: i.perPage
  }),
  response: Operation.json(DeviceOsVersionList)
})
