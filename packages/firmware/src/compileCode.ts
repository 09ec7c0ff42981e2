/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { CompileResult } from "./Binary.js"
import { PlatformId, Version } from "./internal/input.js"

/**
 * Compiles source files in the cloud and answers with the id of the binary, to download with
 * `downloadFirmwareBinary` (the binary expires after a while; see `expires_at`).
 *
 * Options (particle-api-js names):
 * - `files`: source files keyed by the filename they get in the build (`"src/app.ino"`, `"lib/x.h"`);
 *   each value is bytes (`Uint8Array`), a `Blob`/`File`, or, with the `@effect-particle/core/node` layer,
 *   a file path. They are sent as multipart parts `file`, `file2`, … as particle-api-js sends them.
 * - `platformId`: the platform to build for (6 Photon, 13 Boron, 32 P2, …).
 * - `targetVersion`: the Device OS version to build against; without it the request asks for the
 *   latest (`latest=true`).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: the code does not compile (the compiler's messages are in `errors`), or no file was
 *   sent, or the platform/version is unknown.
 * - `Unauthorized` / `Forbidden`: the token is invalid or may not compile.
 *
 * @example
 * ```ts
 * import { compileCode, downloadFirmwareBinary } from "@effect-particle/firmware"
 * import { Effect } from "effect"
 *
 * const source = new TextEncoder().encode("void setup() {}\nvoid loop() {}\n")
 * const program = compileCode({ files: { "app.ino": source }, platformId: 13, targetVersion: "6.2.1" }).pipe(
 *   Effect.flatMap((result) => downloadFirmwareBinary({ binaryId: result.binary_id })),
 *   Effect.catchTag("BadRequest", (e) => Effect.die(`compile failed: ${e.message}`))
 * )
 * ```
 *
 * @since 0.1.0
 * @category compile
 */
export const compileCode = /*#__PURE__*/ Operation.make({
  name: "compileCode",
  summary: "Compile source files in the cloud",
  method: "POST",
  routes: [{ path: "/v1/binaries" }],
  input: Schema.Struct({
    files: Input.Files,
    platformId: Schema.optional(PlatformId),
    targetVersion: Schema.optional(Version)
  }),
  body: (i) =>
    Operation.multipartBody([
      ...Operation.fileParts(i.files),
      ...Operation.fieldParts({
        platform_id: i.platformId,
        ...(i.targetVersion !== undefined ? { build_target_version: i.targetVersion } : { latest: "true" })
      })
    ]),
  response: Operation.json(CompileResult),
  errors: [ParticleError.BadRequest]
})
