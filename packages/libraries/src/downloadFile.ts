/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Downloads a file by its absolute URL, e.g. a library's archive (`Library.download`), as bytes. The access
 * token is sent only when the URL lies under the client's base URL: a library archive on another host
 * (Particle's `library-archives.particle.io`) gets no `Authorization` header. (particle-api-js sends its
 * default token to any host.)
 *
 * Options: `uri` (an absolute http(s) URL).
 *
 * Errors:
 * - `NotFound`: nothing at that URL.
 * - `Unauthorized` / `Forbidden`: the host refuses the request.
 * - `InvalidInput`: a `uri` that is not an absolute http(s) URL.
 *
 * @example
 * ```ts
 * import { downloadFile, getLibrary } from "@effect-particle/libraries"
 * import { Effect } from "effect"
 *
 * const size = getLibrary({ name: "neopixel" }).pipe(
 *   Effect.flatMap((lib) => downloadFile({ uri: lib.download! })),
 *   Effect.map((bytes) => bytes.byteLength)
 * )
 * ```
 *
 * @since 0.1.0
 * @category files
 */
export const downloadFile = /*#__PURE__*/ Operation.make({
  name: "downloadFile",
  summary: "Download a file by its URL (the token only to the base URL)",
  method: "GET",
  routes: [{ url: "uri" }],
  input: Schema.Struct({ uri: Schema.String }),
  response: Operation.bytes,
  errors: [ParticleError.NotFound]
})
