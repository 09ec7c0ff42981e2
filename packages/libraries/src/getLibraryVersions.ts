/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Limit } from "./internal/input.js"
import { LibraryListDocument, Name } from "./Library.js"

/**
 * Lists the versions of a firmware library, newest first, one page at a time, each as a plain record
 * (with its own `download`).
 *
 * Options: `name`, `page` (from 1), `limit` (1–100).
 *
 * Errors:
 * - `NotFound`: no such library (or a private one of someone else).
 * - `InvalidInput`: a malformed `name`, a bad `page` or `limit`.
 *
 * @example
 * ```ts
 * import { getLibraryVersions } from "@effect-particle/libraries"
 * import { Effect } from "effect"
 *
 * const versions = getLibraryVersions({ name: "neopixel" }).pipe(Effect.map((vs) => vs.map((v) => v.version)))
 * ```
 *
 * @since 0.1.0
 * @category libraries
 */
export const getLibraryVersions = /*#__PURE__*/ Operation.make({
  name: "getLibraryVersions",
  summary: "List the versions of a firmware library",
  method: "GET",
  routes: [{ path: "/v1/libraries/{name}/versions" }],
  input: Schema.Struct({ name: Name, page: Schema.optional(Input.Page), limit: Schema.optional(Limit) }),
  query: (i) => ({ page: i.page, limit: i.limit }),
  response: Operation.json(LibraryListDocument),
  errors: [ParticleError.NotFound]
})
