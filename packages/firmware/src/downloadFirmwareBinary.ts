/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Downloads a compiled binary (from `compileCode`) as bytes.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: no binary with this id, or it has expired.
 * - `Unauthorized` / `Forbidden`: the token is invalid or the binary belongs to someone else.
 *
 * @example
 * ```ts
 * import { downloadFirmwareBinary } from "@effect-particle/firmware"
 * import { Effect } from "effect"
 *
 * const bytes = downloadFirmwareBinary({ binaryId: "5734a5d4a71c2601243809e6" }).pipe(
 *   Effect.map((binary) => binary.byteLength)
 * )
 * ```
 *
 * @since 0.1.0
 * @category binaries
 */
export const downloadFirmwareBinary = /*#__PURE__*/ Operation.make({
  name: "downloadFirmwareBinary",
  summary: "Download a compiled binary",
  method: "GET",
  routes: [{ path: "/v1/binaries/{binaryId}" }],
  input: Schema.Struct({ binaryId: Input.NonEmpty }),
  response: Operation.bytes,
  errors: [ParticleError.NotFound]
})
