/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { RolloutStarted, RolloutWhen } from "./Env.js"
import { envOptions, envRoutes } from "./internal/scope.js"

/**
 * Rolls out a scope's latest variables (`POST …/env/rollout` with `{ when }`): they become its
 * `last_snapshot`, and reach devices `Immediate`ly (online devices now) or at their next `Connect`ion.
 * Answers `{ success }`.
 *
 * Options: `when`, and exactly one of `product`, `org`, `deviceId`, `sandbox: true`.
 *
 * Errors: `BadRequest`, `NotFound`, `Forbidden`, `InvalidInput`.
 *
 * @example
 * ```ts
 * import { reviewEnvVarsRollout, startEnvVarsRollout } from "@effect-particle/env"
 * import { Effect } from "effect"
 *
 * const rollout = reviewEnvVarsRollout({ product: 4242 }).pipe(
 *   Effect.flatMap((r) =>
 *     r.from_snapshot.changes.length > 0 ? startEnvVarsRollout({ product: 4242, when: "Connect" }) : Effect.void
 *   )
 * )
 * ```
 *
 * @since 0.1.0
 * @category environment variables
 */
export const startEnvVarsRollout = /*#__PURE__*/ Operation.make({
  name: "startEnvVarsRollout",
  summary: "Roll out a scope's latest environment variables to its devices",
  method: "POST",
  routes: envRoutes("/rollout"),
  input: envOptions({ when: RolloutWhen }),
  body: (i) => Operation.jsonBody({ when: i.when }),
  response: Operation.json(RolloutStarted),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
