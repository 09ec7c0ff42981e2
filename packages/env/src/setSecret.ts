/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { org } from "./internal/scope.js"
import { Secret, SecretName } from "./Secret.js"

/**
 * Creates a secret or replaces its value (`PUT /v1/secrets/:name`, or the org twin) with
 * `{ secret: { value } }`, as particle-cli's `config secrets set` sends it. Answers the secret's metadata;
 * the value is never returned, here or later.
 *
 * Options: `name` (upper-case letters, digits, underscores, not starting with a digit), `value` — a
 * `Redacted<string>` (a plain string is wrapped at once), unwrapped only into the request body, so it never
 * appears in an error, a span or a log line — and `org`.
 *
 * Errors: `BadRequest` (Particle's validation error), `NotFound` (no such org), `InvalidInput` before any
 * request.
 *
 * @example
 * ```ts
 * import { setSecret } from "@effect-particle/env"
 * import { Config, Effect } from "effect"
 *
 * const store = Effect.flatMap(Config.redacted("WEATHER_API_KEY"), (value) => setSecret({ name: "WEATHER_API_KEY", value }))
 * ```
 *
 * @since 0.1.0
 * @category secrets
 */
export const setSecret = /*#__PURE__*/ Operation.make({
  name: "setSecret",
  summary: "Create a secret or replace its value (the value is Redacted and never returned)",
  method: "PUT",
  routes: Operation.scoped("/secrets/{name}", "user", "org"),
  input: Schema.Struct({ org, name: SecretName, value: Input.Secret }),
  body: (i) => Operation.jsonBody({ secret: { value: Redacted.value(i.value) } }),
  response: Operation.json(Schema.pluck(Schema.Struct({ secret: Secret }), "secret")),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
