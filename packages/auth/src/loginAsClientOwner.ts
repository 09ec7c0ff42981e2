/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { grantForm, TOKEN_PATH, tokenResponse } from "./internal/grant.js"
import { requiredClient, TokenDuration } from "./internal/input.js"

/**
 * Gets a token for the owner of an OAuth client (the OAuth `client_credentials` grant: form-encoded
 * `POST /oauth/token` with `grant_type=client_credentials`, `client_id`, `client_secret`, as particle-api-js
 * sends it). A product's client gets a token for the product; this is how a backend authenticates without a
 * user's password (see `TokenService` for a token that renews itself).
 *
 * Options: `clientId` and `clientSecret` (a `Redacted<string>` or a plain string) of a client made with
 * {@link createOAuthClient} (or in the console). They are required: particle-api-js falls back to its own
 * `particle-api` client here, which owns nothing, so the cloud always refuses it. `tokenDuration` (seconds)
 * is sent only when given.
 *
 * Errors:
 * - `BadRequest`: `invalid_client` "Client credentials are invalid" (unknown client or wrong secret),
 *   `invalid_grant` (a client without an owner).
 * - `InvalidInput`: a malformed `clientId`, an empty `clientSecret`.
 *
 * @example
 * ```ts
 * import { loginAsClientOwner } from "@effect-particle/auth"
 * import { ParticleClient } from "@effect-particle/core"
 * import { Effect } from "effect"
 *
 * declare const program: Effect.Effect<void, never, ParticleClient.ParticleClient>
 * const asProduct = Effect.flatMap(
 *   loginAsClientOwner({ clientId: "my-product-1234", clientSecret: process.env.CLIENT_SECRET! }),
 *   (token) => program.pipe(ParticleClient.withAccessToken(token.access_token))
 * )
 * ```
 *
 * @since 0.1.0
 * @category grants
 */
export const loginAsClientOwner = /*#__PURE__*/ Operation.make({
  name: "loginAsClientOwner",
  summary: "Get a token for an OAuth client's owner (OAuth `client_credentials` grant)",
  method: "POST",
  routes: [{ path: TOKEN_PATH }],
  auth: false,
  input: Schema.Struct({ ...requiredClient, tokenDuration: Schema.optional(TokenDuration) }),
  body: (i) => grantForm("client_credentials", i, { expires_in: i.tokenDuration }),
  response: tokenResponse,
  errors: [ParticleError.BadRequest, ParticleError.Forbidden]
})
