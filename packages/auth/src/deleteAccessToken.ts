/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { secretInPath } from "./internal/scrub.js"

const definition = /*#__PURE__*/ Operation.make({
  name: "deleteAccessToken",
  summary: "Revoke an access token",
  method: "DELETE",
  routes: [{ path: "/v1/access_tokens/{token}" }],
  auth: false,
  // the token is a secret in the options and only unwrapped to fill the path
  input: Schema.transform(Schema.Struct({ token: Input.Secret }), Schema.Struct({ token: Schema.String }), {
    strict: true,
    decode: ({ token }) => ({ token: Redacted.value(token) }),
    encode: ({ token }) => ({ token: Redacted.make(token) })
  }),
  response: Operation.empty,
  errors: [ParticleError.Unauthorized, ParticleError.NotFound]
})

/**
 * Revokes an access token (`DELETE /v1/access_tokens/:token`). The token in the path is the credential,
 * as particle-api-js 12 sends it (no `Authorization` header: particle-api-js has no `auth` option here, and
 * particle-cli's `token revoke` relies on that), so any token you hold can be revoked, also one of another
 * account or one that is not the client's. To log out the client's own token use
 * {@link deleteCurrentAccessToken}.
 *
 * The token is the one secret this SDK has to put in a URL, because the endpoint names it in its path: it
 * is `Redacted` in the options, and every error of this function has it replaced by `<redacted>` in its
 * `url`, `message` and `body`; spans carry only the route template. (A middleware sees the request URL.)
 *
 * Errors:
 * - `NotFound`: no such token (already revoked, or never issued).
 * - `Unauthorized`: the cloud refused the request.
 * - `InvalidInput`: an empty `token`.
 *
 * @example
 * ```ts
 * import { deleteAccessToken } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const revoke = (token: string) =>
 *   deleteAccessToken({ token }).pipe(Effect.catchTag("NotFound", () => Effect.void))
 * ```
 *
 * @since 0.1.0
 * @category access tokens
 */
export const deleteAccessToken: typeof definition = /*#__PURE__*/ secretInPath(
  definition,
  "token",
  "/access_tokens/"
)
