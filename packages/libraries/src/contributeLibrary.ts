/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { LibraryDocument } from "./Library.js"

/** The most the SDK uploads (the simulator's, and a generous bound for a library of sources). */
const MAX_ARCHIVE_BYTES = 10 * 1024 * 1024

/** Bytes that do not start with gzip's magic number cannot be a `.tar.gz`: caught before any request. */
const Archive = Input.FileInput.pipe(
  Schema.filter((archive) =>
    !(archive instanceof Uint8Array) || (archive.length >= 2 && archive[0] === 0x1f && archive[1] === 0x8b) ||
    "must be a .tar.gz (gzip-compressed bytes start with 1f 8b)"
  )
)

/**
 * Contributes a new library, or a new version of one of yours, from a `.tar.gz` of its sources with a
 * `library.properties` (which names the library and its version). It is sent as particle-api-js sends it:
 * one multipart part `file` named `archive.tar.gz`. The new version is private until `publishLibrary`.
 *
 * Options: `archive`: bytes, a `Blob`/`File`, or on Node a file path (at most 10 MiB).
 *
 * Errors:
 * - `BadRequest`: the cloud refuses the archive (not a valid `.tar.gz`, no `library.properties`, a version
 *   not greater than the latest: "This version is not valid. Version must be greater than or equal to
 *   …"); the JSON:API message is the error's message.
 * - `Forbidden`: the library name belongs to someone else.
 * - `Conflict`: that version exists.
 * - `InvalidInput`: no archive, bytes that are not gzip, a larger archive, an unreadable path.
 *
 * @example
 * ```ts
 * import { contributeLibrary, publishLibrary } from "@effect-particle/libraries"
 * import { Effect } from "effect"
 *
 * // on Node a path is read for you
 * const release = contributeLibrary({ archive: "./build/mylib-1.0.0.tar.gz" }).pipe(
 *   Effect.flatMap((lib) => publishLibrary({ name: lib.name }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category libraries
 */
export const contributeLibrary = /*#__PURE__*/ Operation.make({
  name: "contributeLibrary",
  summary: "Contribute a library version from a .tar.gz",
  method: "POST",
  routes: [{ path: "/v1/libraries" }],
  input: Schema.Struct({ archive: Archive }),
  body: (i) =>
    Operation.multipartBody(Operation.fileParts({ "archive.tar.gz": i.archive }, { maxBytes: MAX_ARCHIVE_BYTES })),
  response: Operation.json(LibraryDocument),
  errors: [ParticleError.BadRequest, ParticleError.Conflict],
  timeout: "2 minutes"
})
