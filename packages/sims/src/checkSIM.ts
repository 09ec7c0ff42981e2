/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Iccid } from "./Sim.js"

/**
 * Checks that a SIM card exists and is the caller's (`HEAD /v1/sims/:iccid`). Succeeds with nothing on any
 * 2xx: Particle answers 204, and a 2xx with a body is success too (particle-api-js rejects everything but
 * a 204, because it tries to parse the empty body).
 *
 * Options: `iccid`.
 *
 * Errors:
 * - `NotFound`: no SIM with this ICCID.
 * - `Forbidden`: the SIM belongs to someone else.
 * - `InvalidInput`: an ICCID that is not 19–20 digits.
 *
 * @example
 * ```ts
 * import { checkSIM } from "@effect-particle/sims"
 * import { Effect } from "effect"
 *
 * const isMine = checkSIM({ iccid: "8934076500002589174" }).pipe(
 *   Effect.as(true),
 *   Effect.catchTags({ NotFound: () => Effect.succeed(false), Forbidden: () => Effect.succeed(false) })
 * )
 * ```
 *
 * @since 0.1.0
 * @category sims
 */
export const checkSIM = /*#__PURE__*/ Operation.make({
  name: "checkSIM",
  summary: "Check that a SIM card exists and is yours",
  method: "HEAD",
  routes: [{ path: "/v1/sims/{iccid}" }],
  input: Schema.Struct({ iccid: Iccid }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
