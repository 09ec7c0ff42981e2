/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { RenderedEnvVars } from "./Env.js"
import { envOptions, envRoutes } from "./internal/scope.js"

/**
 * The flattened variables of a scope (`GET …/env/render`): inherited and own in one `env` map (own values
 * win), with `last_updated_at`, `rollout_at` and `rollout_by`.
 *
 * Options: exactly one of `product`, `org`, `deviceId`, `sandbox: true`.
 *
 * Errors: `NotFound`, `Forbidden`, `InvalidInput`.
 *
 * @example
 * ```ts
 * import { renderEnvVars } from "@effect-particle/env"
 * import { Effect } from "effect"
 *
 * const apiUrl = renderEnvVars({ deviceId: "0123456789abcdef01234567" }).pipe(Effect.map((r) => r.env["API_URL"]))
 * ```
 *
 * @since 0.1.0
 * @category environment variables
 */
export const renderEnvVars = /*#__PURE__*/ Operation.make({
  name: "renderEnvVars",
  summary: "Get the flattened environment variables of a scope",
  method: "GET",
  routes: envRoutes("/render"),
  input: envOptions({}),
  response: Operation.json(RenderedEnvVars),
  errors: [ParticleError.NotFound]
})
