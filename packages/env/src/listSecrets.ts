/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { org } from "./internal/scope.js"
import { Secret } from "./Secret.js"

/**
 * Lists the secrets of your sandbox (`GET /v1/secrets`) or of an org (`GET /v1/orgs/:org/secrets`), as an
 * array (Particle answers `{ "secrets": […] }`). Names and metadata only: values are never returned.
 * particle-api-js has no secrets methods; particle-cli's `config secrets list` sends this request.
 *
 * Errors: `NotFound` (no such org, or you are not a member), `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { listSecrets } from "@effect-particle/env"
 * import { Effect } from "effect"
 *
 * const unused = listSecrets({ org: "my-org" }).pipe(
 *   Effect.map((secrets) => secrets.filter((s) => s.logic_functions.length + s.integrations.length === 0))
 * )
 * ```
 *
 * @since 0.1.0
 * @category secrets
 */
export const listSecrets = /*#__PURE__*/ Operation.make({
  name: "listSecrets",
  summary: "List the secrets of your sandbox or an org (never their values)",
  method: "GET",
  routes: Operation.scoped("/secrets", "user", "org"),
  input: Schema.Struct({ org }),
  response: Operation.json(Schema.pluck(Schema.Struct({ secrets: Schema.Array(Secret) }), "secrets")),
  errors: [ParticleError.NotFound]
})
