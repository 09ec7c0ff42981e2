/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import { EnvVars } from "./Env.js"
import { envOptions, envRoutes } from "./internal/scope.js"

/**
 * Lists the environment variables of one scope: `GET /v1/products/:product/env`, `/v1/orgs/:org/env`,
 * `/v1/env/:deviceId`, or your sandbox's `/v1/env` (`sandbox: true`). Exactly one of `product`, `org`,
 * `deviceId`, `sandbox` is required; none or several is `InvalidInput` before any request.
 *
 * The answer has `latest` (own and inherited variables — a device inherits from its product and the
 * product's owner, a product from its owner), `last_snapshot` (what the last rollout delivered, `null`
 * before the first) and, for a device, `on_device`.
 *
 * Errors: `NotFound` (no such product or org), `Forbidden` (a device or product you cannot access),
 * `InvalidInput`.
 *
 * @example
 * ```ts
 * import { listEnvVars } from "@effect-particle/env"
 * import { Effect } from "effect"
 *
 * const pending = listEnvVars({ product: "my-fleet" }).pipe(
 *   Effect.map((env) => Object.keys(env.latest.own).filter((k) => env.last_snapshot?.own[k]?.value !== env.latest.own[k]!.value))
 * )
 * ```
 *
 * @since 0.1.0
 * @category environment variables
 */
export const listEnvVars = /*#__PURE__*/ Operation.make({
  name: "listEnvVars",
  summary: "List the environment variables of a scope (latest and last rolled out)",
  method: "GET",
  routes: envRoutes(""),
  input: envOptions({}),
  response: Operation.json(EnvVars),
  errors: [ParticleError.NotFound]
})
