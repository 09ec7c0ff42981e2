/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { grantForm, TOKEN_PATH, tokenResponse } from "./internal/grant.js"
import { NonBlank, requiredClient, TokenDuration } from "./internal/input.js"

/**
 * Gets a token scoped to one customer of a product, for a product app acting on that customer's behalf
 * (form-encoded `POST /oauth/token` with `grant_type=client_credentials`, `scope=customer=<email>`,
 * `client_id`, `client_secret` of the product's OAuth client), which particle-api-js lacks. The answer's
 * `scope` is `customer=<email>`.
 *
 * Options: `customer` (the customer's email), `clientId` / `clientSecret` of the product's client (required),
 * `tokenDuration` (seconds; sent only when given).
 *
 * Errors:
 * - `BadRequest`: `invalid_client` (unknown client or wrong secret), `invalid_scope` / `invalid_grant`
 *   (no such customer in the client's product).
 * - `InvalidInput`: an empty `customer`, a malformed `clientId`, an empty `clientSecret`.
 *
 * @example
 * ```ts
 * import { createCustomerToken } from "@effect-particle/auth"
 *
 * const token = createCustomerToken({
 *   customer: "jane@example.com",
 *   clientId: "my-product-1234",
 *   clientSecret: process.env.CLIENT_SECRET!
 * })
 * ```
 *
 * @since 0.1.0
 * @category grants
 */
export const createCustomerToken = /*#__PURE__*/ Operation.make({
  name: "createCustomerToken",
  summary: "Get a token scoped to one customer of a product (`client_credentials` with `scope=customer=…`)",
  method: "POST",
  routes: [{ path: TOKEN_PATH }],
  auth: false,
  input: Schema.Struct({ customer: NonBlank, ...requiredClient, tokenDuration: Schema.optional(TokenDuration) }),
  body: (i) => grantForm("client_credentials", i, { scope: `customer=${i.customer}`, expires_in: i.tokenDuration }),
  response: tokenResponse,
  errors: [ParticleError.BadRequest, ParticleError.Forbidden]
})
