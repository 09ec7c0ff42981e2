/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { LibraryDocument, Name, Scope } from "./Library.js"

/**
 * Gets a firmware library (names are case-insensitive): its latest version, or the one `version` names
 * (`"latest"` is accepted too), decoded from the JSON:API document into a plain record. Its `download`
 * is the version's `.tar.gz`, for `downloadFile`.
 *
 * Options: `name`, `version` (e.g. `0.0.10`, or `latest`), `scope` (`Library.Scope`).
 *
 * Errors:
 * - `NotFound`: no such library (or a private one of someone else), or no such version; the message is
 *   the JSON:API error's (`Library x not found`).
 * - `InvalidInput`: a malformed `name` or `version`.
 *
 * @example
 * ```ts
 * import { downloadFile, getLibrary } from "@effect-particle/libraries"
 * import { Effect } from "effect"
 *
 * const archive = getLibrary({ name: "neopixel", version: "latest" }).pipe(
 *   Effect.flatMap((lib) => (lib.download ? downloadFile({ uri: lib.download }) : Effect.die("no download link")))
 * )
 * ```
 *
 * @since 0.1.0
 * @category libraries
 */
export const getLibrary = /*#__PURE__*/ Operation.make({
  name: "getLibrary",
  summary: "Get a firmware library (a version, or the latest)",
  method: "GET",
  routes: [{ path: "/v1/libraries/{name}" }],
  input: Schema.Struct({
    name: Name,
    version: Schema.optional(
      Schema.String.pipe(
        Schema.pattern(/^(latest|\d+\.\d+\.\d+)$/, { message: () => "must be a version such as 1.2.3, or latest" })
      )
    ),
    scope: Schema.optional(Scope)
  }),
  query: (i) => ({ version: i.version, scope: i.scope }),
  response: Operation.json(LibraryDocument),
  errors: [ParticleError.NotFound]
})
