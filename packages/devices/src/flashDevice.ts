/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FlashResult } from "./Device.js"

/**
 * Flashes a device over the air (`PUT /v1/devices/:id`, or the product twin, multipart): either source
 * files, which the cloud compiles first, or one compiled binary (`.bin`) or bundle (`.zip`).
 *
 * Options (particle-api-js names):
 * - `files`: keyed by the filename they get (`"src/app.ino"`, `"firmware.bin"`); each value is bytes
 *   (`Uint8Array`), a `Blob`/`File`, or on Node (with the `@effect-particle/core/node` layer) a file
 *   path. Sent as parts `file`, `file2`, … in key order.
 * - `targetVersion`: the Device OS version to compile source against (`build_target_version`); without
 *   it the request asks for the latest (`latest=true`).
 *
 * The answer means the update has started; the outcome arrives as `spark/flash/status` events. Flashing
 * is never retried by the client.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: no files, code that does not compile, or a binary for another platform.
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product.
 *
 * @example
 * ```ts
 * import { flashDevice } from "@effect-particle/devices"
 *
 * // on Node, with the @effect-particle/core/node layer, a path is read for you
 * const flash = flashDevice({ deviceId: "my-argon", files: { "firmware.bin": "./build/firmware.bin" } })
 * const fromSource = flashDevice({
 *   deviceId: "my-argon",
 *   files: { "app.ino": new TextEncoder().encode("void setup() {}\nvoid loop() {}\n") },
 *   targetVersion: "6.2.1"
 * })
 * ```
 *
 * @since 0.1.0
 * @category firmware
 */
export const flashDevice = /*#__PURE__*/ Operation.make({
  name: "flashDevice",
  summary: "Flash source files or a binary over the air",
  method: "PUT",
  routes: Operation.scoped("/devices/{deviceId}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    product: Schema.optional(Input.Product),
    files: Input.Files,
    targetVersion: Schema.optional(Input.NonEmpty)
  }),
  body: (i) =>
    Operation.multipartBody([
      ...Operation.fileParts(i.files),
      ...Operation.fieldParts(
        i.targetVersion !== undefined ? { build_target_version: i.targetVersion } : { latest: "true" }
      )
    ]),
  response: Operation.json(FlashResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
