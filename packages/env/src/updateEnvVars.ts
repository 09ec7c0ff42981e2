/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { EnvVarOp, EnvVars } from "./Env.js"
import { envOptions, envRoutes } from "./internal/scope.js"

/** Particle applies at most 50 operations per request. */
const MAX_OPS = 50

/**
 * Sets and unsets several variables of one scope at once (`PATCH …/env` with `{ ops }`, as particle-api-js
 * sends it): each op is `{ op: "Set", key, value }` or `{ op: "Unset", key }`, 1 to 50 of them, applied
 * together. Answers the scope's variables (as `listEnvVars`). Changes reach devices at the next rollout.
 *
 * Options: `ops`, and exactly one of `product`, `org`, `deviceId`, `sandbox: true`. Keys are checked as
 * Particle checks them (upper-case letters, digits, underscores, not starting with a digit): a bad key is
 * `InvalidInput` on `ops.<n>.key` before any request, as are 0 or more than 50 ops.
 *
 * Errors: `BadRequest` (Particle's validation error, e.g. `Validation error: : Must only contain uppercase
 * letters, numbers, and underscores. … at "ops[0].key"`), `NotFound`, `Forbidden`, `InvalidInput`.
 *
 * @example
 * ```ts
 * import { updateEnvVars } from "@effect-particle/env"
 *
 * const configure = updateEnvVars({
 *   org: "my-org",
 *   ops: [{ op: "Set", key: "API_URL", value: "https://example.com" }, { op: "Unset", key: "DEBUG" }]
 * })
 * ```
 *
 * @since 0.1.0
 * @category environment variables
 */
export const updateEnvVars = /*#__PURE__*/ Operation.make({
  name: "updateEnvVars",
  summary: "Set and unset up to 50 environment variables of a scope at once",
  method: "PATCH",
  routes: envRoutes(""),
  input: envOptions({
    ops: Schema.Array(EnvVarOp).pipe(
      Schema.minItems(1, { message: () => "must hold at least one op" }),
      Schema.maxItems(MAX_OPS, { message: () => `must hold at most ${MAX_OPS} ops (Particle's limit)` })
    )
  }),
  body: (i) => Operation.jsonBody({ ops: i.ops }),
  response: Operation.json(EnvVars),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
