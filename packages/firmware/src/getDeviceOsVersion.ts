/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { DeviceOsVersion } from "./DeviceOs.js"
import { PlatformId, Version } from "./internal/input.js"

/**
 * Gets one Device OS release, optionally for one platform (`platformId`, sent as `platform_id`).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: no such version (for this platform).
 * - `Unauthorized` / `Forbidden`: bad token.
 *
 * @example
 * ```ts
 * import { getDeviceOsVersion } from "@effect-particle/firmware"
 * import { Effect } from "effect"
 *
 * const release = getDeviceOsVersion({ version: "6.2.1", platformId: 13 }).pipe(
 *   Effect.catchTag("NotFound", () => Effect.succeed(undefined))
 * )
 * ```
 *
 * @since 0.1.0
 * @category device os
 */
export const getDeviceOsVersion = /*#__PURE__*/ Operation.make({
  name: "getDeviceOsVersion",
  summary: "Get one Device OS version",
  method: "GET",
  routes: [{ path: "/v1/device-os/versions/{version}" }],
  input: Schema.Struct({ version: Version, platformId: Schema.optional(PlatformId) }),
  query: (i) => ({ platform_id: i.platformId !== undefined && i.platformId !== 0 ? i.platformId : undefined }),
  response: Operation.json(DeviceOsVersion),
  errors: [ParticleError.NotFound]
})
