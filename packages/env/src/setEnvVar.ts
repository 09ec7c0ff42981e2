/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { EnvVars } from "./Env.js"
import { envOptions, envRoutes, Key } from "./internal/scope.js"

/**
 * Sets one variable of a scope (`PUT …/env/:key` with `{ value }`, as particle-api-js sends it) and answers
 * the scope's variables. The change reaches devices at the next rollout.
 *
 * Options: `key` (checked as Particle checks keys, before any request), `value`, and exactly one of
 * `product`, `org`, `deviceId`, `sandbox: true`.
 *
 * Errors: `BadRequest` (a value Particle refuses), `NotFound`, `Forbidden`, `InvalidInput`.
 *
 * @example
 * ```ts
 * import { setEnvVar } from "@effect-particle/env"
 *
 * const set = setEnvVar({ deviceId: "0123456789abcdef01234567", key: "SAMPLE_RATE", value: "10" })
 * ```
 *
 * @since 0.1.0
 * @category environment variables
 */
export const setEnvVar = /*#__PURE__*/ Operation.make({
  name: "setEnvVar",
  summary: "Set one environment variable of a scope",
  method: "PUT",
  routes: envRoutes("/{key}"),
  input: envOptions({ key: Key, value: Schema.String }),
  body: (i) => Operation.jsonBody({ value: i.value }),
  response: Operation.json(EnvVars),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
