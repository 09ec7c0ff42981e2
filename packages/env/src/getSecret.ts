/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { org } from "./internal/scope.js"
import { Secret, SecretName } from "./Secret.js"

/**
 * Gets one secret's metadata (`GET /v1/secrets/:name`, or the org twin; `{ "secret": … }` unwrapped): when it
 * was set and last read, and the Logic functions and integrations that use it. Never its value.
 *
 * Errors: `NotFound` (no such secret or org), `InvalidInput` (a name Particle would reject) before any
 * request.
 *
 * @example
 * ```ts
 * import { getSecret } from "@effect-particle/env"
 * import { Effect } from "effect"
 *
 * const lastRead = getSecret({ name: "WEATHER_API_KEY" }).pipe(Effect.map((s) => s.last_accessed_at))
 * ```
 *
 * @since 0.1.0
 * @category secrets
 */
export const getSecret = /*#__PURE__*/ Operation.make({
  name: "getSecret",
  summary: "Get a secret's metadata (never its value)",
  method: "GET",
  routes: Operation.scoped("/secrets/{name}", "user", "org"),
  input: Schema.Struct({ org, name: SecretName }),
  response: Operation.json(Schema.pluck(Schema.Struct({ secret: Secret }), "secret")),
  errors: [ParticleError.NotFound]
})
