/**
 * @since 0.1.0
 */
import { Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { CurrentToken } from "./Token.js"

/**
 * What Particle says about the token the request is made with (`GET /v1/access_tokens/current`): when it
 * expires (`null`: never), the client that created it, its scopes and organizations. particle-api-js has no
 * method for it (particle-cli calls the endpoint directly). A good "is this token still valid?" check.
 *
 * Errors: `Unauthorized` (the token is invalid or expired).
 *
 * @example
 * ```ts
 * import { getCurrentAccessToken } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const valid = getCurrentAccessToken().pipe(
 *   Effect.as(true),
 *   Effect.catchTag("Unauthorized", () => Effect.succeed(false))
 * )
 * ```
 *
 * @since 0.1.0
 * @category access tokens
 */
export const getCurrentAccessToken = /*#__PURE__*/ Operation.make({
  name: "getCurrentAccessToken",
  summary: "Describe the token the request is made with",
  method: "GET",
  routes: [{ path: "/v1/access_tokens/current" }],
  input: Schema.Struct({}),
  response: Operation.json(CurrentToken)
})
