/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { grantForm, tokenResponse } from "./internal/grant.js"
import { NonBlank, requiredClient } from "./internal/input.js"

/**
 * Creates a customer of a product and answers a token for them (form-encoded
 * `POST /v1/products/:product/customers` with `email`, `password`, `grant_type=client_credentials`,
 * `client_id`, `client_secret` of the product's OAuth client, as particle-api-js sends it; 201). The token's
 * `access_token` and `refresh_token` are `Redacted`. For apps whose customers have no Particle password
 * ("simple auth"), pass `noPassword: true` instead of a password (`no_password=true`), then get their
 * tokens with {@link createCustomerToken}.
 *
 * Options: `product` (id or slug), `email`, `password` (a `Redacted<string>` or a plain string) or
 * `noPassword: true`, `clientId` / `clientSecret` of the product's client (required: the customer belongs
 * to the client's product). No Bearer token is sent.
 *
 * Errors:
 * - `BadRequest`: the customer exists already, a missing email or password, `invalid_client` (a client of
 *   another product, or a wrong secret).
 * - `NotFound`: no such product.
 * - `InvalidInput`: an empty `email`, neither `password` nor `noPassword`, a bad `product`, a malformed
 *   `clientId`.
 *
 * @example
 * ```ts
 * import { createCustomer } from "@effect-particle/auth"
 * import { ParticleClient } from "@effect-particle/core"
 * import { Effect } from "effect"
 *
 * declare const asCustomer: Effect.Effect<void, never, ParticleClient.ParticleClient>
 * const signUp = Effect.flatMap(
 *   createCustomer({
 *     product: "my-product",
 *     email: "jane@example.com",
 *     password: "correct horse battery staple",
 *     clientId: "my-product-1234",
 *     clientSecret: process.env.CLIENT_SECRET!
 *   }),
 *   (token) => asCustomer.pipe(ParticleClient.withAccessToken(token.access_token))
 * )
 * ```
 *
 * @since 0.1.0
 * @category customers
 */
export const createCustomer = /*#__PURE__*/ Operation.make({
  name: "createCustomer",
  summary: "Create a customer of a product and get a token for them",
  method: "POST",
  routes: [{ path: "/v1/products/{product}/customers" }],
  auth: false,
  input: Schema.Struct({
    product: Input.Product,
    email: NonBlank,
    password: Schema.optional(Input.Secret),
    noPassword: Schema.optional(Schema.Boolean),
    ...requiredClient
  }).pipe(
    Schema.filter((o) =>
      o.password !== undefined || o.noPassword === true ||
      { path: ["password"], message: "is required (or pass noPassword: true for a customer without a password)" }
    )
  ),
  body: (i) =>
    grantForm("client_credentials", i, {
      email: i.email,
      password: i.password === undefined ? undefined : Redacted.value(i.password),
      no_password: i.noPassword === true ? "true" : undefined
    }),
  response: tokenResponse,
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
