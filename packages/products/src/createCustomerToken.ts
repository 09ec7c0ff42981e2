/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { CustomerToken } from "./Customer.js"

/**
 * Creates an access token scoped to one customer of a product (`POST /oauth/token`, form
 * `grant_type=client_credentials`, `client_id`, `client_secret`, `scope=customer=<email>`, and `expires_in`
 * when given), with the OAuth client credentials of the customer's product. Your server acts as the customer
 * with it (e.g. to claim a device for them). No bearer token is sent; `clientSecret` is `Input.Secret`, and
 * the tokens in the answer are `Redacted`. particle-api-js has no such method.
 *
 * Options: `clientId`, `clientSecret` (a product OAuth client), `customer` (the customer's email or unique
 * id), `expiresIn` (seconds; `0` never expires).
 *
 * Errors:
 * - `BadRequest`: `invalid_client` (unknown client or wrong secret) or `invalid_grant` (no such customer of
 *   the client's product), with Particle's OAuth description.
 * - `InvalidInput` (nothing sent): an empty `clientId`, `clientSecret` or `customer`, a negative or
 *   fractional `expiresIn`.
 *
 * @example
 * ```ts
 * import { createCustomerToken } from "@effect-particle/products"
 * import { Effect, Redacted } from "effect"
 *
 * const token = createCustomerToken({
 *   clientId: "my-fleet-client-1001",
 *   clientSecret: Redacted.make(process.env.CLIENT_SECRET!),
 *   customer: "jane@example.com",
 *   expiresIn: 3600
 * }).pipe(Effect.map((t) => t.access_token))
 * ```
 *
 * @since 0.1.0
 * @category customers
 */
export const createCustomerToken = /*#__PURE__*/ Operation.make({
  name: "createCustomerToken",
  summary: "Create an access token scoped to a customer (product client credentials)",
  method: "POST",
  routes: [{ path: "/oauth/token" }],
  auth: false,
  input: Schema.Struct({
    clientId: Input.NonEmpty,
    clientSecret: Input.Secret,
    customer: Input.NonEmpty,
    expiresIn: Schema.optional(
      Schema.Number.pipe(
        Schema.int({ message: () => "must be a whole number of seconds ≥ 0" }),
        Schema.nonNegative({ message: () => "must be a whole number of seconds ≥ 0" })
      )
    )
  }),
  body: (i) =>
    Operation.formBody({
      grant_type: "client_credentials",
      client_id: i.clientId,
      client_secret: Redacted.value(i.clientSecret),
      scope: `customer=${i.customer}`,
      expires_in: i.expiresIn
    }),
  response: Operation.json(CustomerToken),
  errors: [ParticleError.BadRequest]
})
