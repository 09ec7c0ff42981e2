/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { LibraryDocument, Name } from "./Library.js"

/**
 * Publishes the latest version of one of your libraries (`PATCH` with `visibility=public`, as
 * particle-api-js sends it): everyone can then find and use it. Answers the library as it is now.
 *
 * Options: `name`.
 *
 * Errors:
 * - `BadRequest`: the cloud refuses to publish it.
 * - `NotFound`: no such library.
 * - `Forbidden`: the library is not yours.
 * - `InvalidInput`: a malformed `name`.
 *
 * @example
 * ```ts
 * import { publishLibrary } from "@effect-particle/libraries"
 * import { Effect } from "effect"
 *
 * const visibility = publishLibrary({ name: "mylib" }).pipe(Effect.map((lib) => lib.visibility))
 * ```
 *
 * @since 0.1.0
 * @category libraries
 */
export const publishLibrary = /*#__PURE__*/ Operation.make({
  name: "publishLibrary",
  summary: "Publish a library's latest version",
  method: "PATCH",
  routes: [{ path: "/v1/libraries/{name}" }],
  input: Schema.Struct({ name: Name }),
  body: () => Operation.jsonBody({ visibility: "public" }),
  response: Operation.json(LibraryDocument),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
