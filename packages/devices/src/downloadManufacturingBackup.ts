/**
 * @since 0.1.0
 */
import { Input, Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Downloads the manufacturing backup files of a device (Tachyon) as bytes
 * (`PUT /v1/devices/:deviceId/backup_files`).
 *
 * What the errors mean here (every error is listed in the README table): `Forbidden` is an unknown
 * device, or someone else's.
 *
 * @example
 * ```ts
 * import { downloadManufacturingBackup } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const size = downloadManufacturingBackup({ deviceId: "0123456789abcdef01234567" }).pipe(
 *   Effect.map((bytes) => bytes.byteLength)
 * )
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const downloadManufacturingBackup = /*#__PURE__*/ Operation.make({
  name: "downloadManufacturingBackup",
  summary: "Download a device's manufacturing backup",
  method: "PUT",
  routes: [{ path: "/v1/devices/{deviceId}/backup_files" }],
  input: Schema.Struct({ deviceId: Input.DeviceIdOrName }),
  response: Operation.bytes
})
