/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Name } from "./Library.js"

/**
 * Deletes one of your libraries (`DELETE` with the JSON body `{ force }`, as particle-api-js sends it).
 * A private library goes without `force`; a public one needs it.
 *
 * Options: `name`, `force` (Particle's "key to force deleting a public library").
 *
 * Errors:
 * - `BadRequest`: a public library without `force`.
 * - `NotFound`: no such library.
 * - `Forbidden`: the library is not yours.
 * - `InvalidInput`: a malformed `name`.
 *
 * @example
 * ```ts
 * import { deleteLibrary } from "@effect-particle/libraries"
 *
 * const gone = deleteLibrary({ name: "my-experiment" })
 * ```
 *
 * @since 0.1.0
 * @category libraries
 */
export const deleteLibrary = /*#__PURE__*/ Operation.make({
  name: "deleteLibrary",
  summary: "Delete a library",
  method: "DELETE",
  routes: [{ path: "/v1/libraries/{name}" }],
  input: Schema.Struct({ name: Name, force: Schema.optional(Schema.Union(Schema.String, Schema.Boolean)) }),
  body: (i) => Operation.jsonBody({ force: i.force }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
