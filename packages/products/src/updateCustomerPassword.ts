/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/**
 * Sets a new password for a customer of a product (`PUT /v1/products/:product/customers/:email`, JSON
 * `{ password }`). Only for customers with a password in Particle's system (not shadow customers); needs a
 * token with access to the product, not a customer token. Succeeds with nothing (`{"ok":true}`).
 * `password` is `Input.Secret`: a `Redacted` or a plain string, never shown in errors or logs.
 * particle-api-js has no such method.
 *
 * Errors:
 * - `NotFound`: no such product, or no such customer in it.
 * - `BadRequest`: Particle rejected the password.
 * - `Forbidden`: not allowed to update this product's customers.
 * - `InvalidInput`: an empty `email` or `password`, a bad `product`.
 *
 * @example
 * ```ts
 * import { updateCustomerPassword } from "@effect-particle/products"
 * import { Redacted } from "effect"
 *
 * const reset = updateCustomerPassword({ product: 4242, email: "jane@example.com", password: Redacted.make("n3w-pass") })
 * ```
 *
 * @since 0.1.0
 * @category customers
 */
export const updateCustomerPassword = /*#__PURE__*/ Operation.make({
  name: "updateCustomerPassword",
  summary: "Set a new password for a customer",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/customers/{email}" }],
  input: Schema.Struct({ product: Input.Product, email: Input.NonEmpty, password: Input.Secret }),
  body: (i) => Operation.jsonBody({ password: Redacted.value(i.password) }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
