/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { org } from "./internal/scope.js"
import { SecretName } from "./Secret.js"

/**
 * Deletes a secret (`DELETE /v1/secrets/:name`, or the org twin; Particle answers 204). A secret that a Logic
 * function or an integration uses cannot be deleted: Particle answers 400 "This secret cannot be deleted as
 * it is being used by integrations or Logic Functions." (`BadRequest`).
 *
 * Errors: `BadRequest` (in use), `NotFound` (no such secret or org), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { deleteSecret } from "@effect-particle/env"
 * import { Effect } from "effect"
 *
 * const remove = deleteSecret({ name: "OLD_KEY" }).pipe(Effect.catchTag("NotFound", () => Effect.void))
 * ```
 *
 * @since 0.1.0
 * @category secrets
 */
export const deleteSecret = /*#__PURE__*/ Operation.make({
  name: "deleteSecret",
  summary: "Delete a secret (refused while a Logic function or integration uses it)",
  method: "DELETE",
  routes: Operation.scoped("/secrets/{name}", "user", "org"),
  input: Schema.Struct({ org, name: SecretName }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
