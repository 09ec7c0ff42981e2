/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { EnvVars } from "./Env.js"
import { envOptions, envRoutes, Key } from "./internal/scope.js"

/**
 * Deletes one variable set on a scope (`DELETE …/env/:key`) and answers the scope's variables. An inherited
 * variable cannot be deleted here (delete it where it is set); the inherited value shows again once an own
 * one is deleted.
 *
 * Options: `key`, and exactly one of `product`, `org`, `deviceId`, `sandbox: true`.
 *
 * Errors: `NotFound` (no such own variable, product or org), `BadRequest`, `Forbidden`, `InvalidInput`.
 *
 * @example
 * ```ts
 * import { deleteEnvVar } from "@effect-particle/env"
 *
 * const remove = deleteEnvVar({ sandbox: true, key: "DEBUG" })
 * ```
 *
 * @since 0.1.0
 * @category environment variables
 */
export const deleteEnvVar = /*#__PURE__*/ Operation.make({
  name: "deleteEnvVar",
  summary: "Delete one environment variable of a scope",
  method: "DELETE",
  routes: envRoutes("/{key}"),
  input: envOptions({ key: Key }),
  response: Operation.json(EnvVars),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
