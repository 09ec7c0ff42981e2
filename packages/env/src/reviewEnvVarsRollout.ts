/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { RolloutReview } from "./Env.js"
import { envOptions, envRoutes } from "./internal/scope.js"

/**
 * What a rollout of a scope would change (`GET …/env/rollout`): `from_snapshot.changes` lists each
 * `Added`, `Changed` and `Removed` variable between the last snapshot and the latest values, `unchanged`
 * the others; a device's review also has `from_device`.
 *
 * Options: exactly one of `product`, `org`, `deviceId`, `sandbox: true`.
 *
 * Errors: `NotFound`, `Forbidden`, `InvalidInput`.
 *
 * @example
 * ```ts
 * import { reviewEnvVarsRollout } from "@effect-particle/env"
 * import { Effect } from "effect"
 *
 * const pending = reviewEnvVarsRollout({ product: 4242 }).pipe(Effect.map((r) => r.from_snapshot.changes.length))
 * ```
 *
 * @since 0.1.0
 * @category environment variables
 */
export const reviewEnvVarsRollout = /*#__PURE__*/ Operation.make({
  name: "reviewEnvVarsRollout",
  summary: "Review what a rollout of a scope's environment variables would change",
  method: "GET",
  routes: envRoutes("/rollout"),
  input: envOptions({}),
  response: Operation.json(RolloutReview),
  errors: [ParticleError.NotFound]
})
