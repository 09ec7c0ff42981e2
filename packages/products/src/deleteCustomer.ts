/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Deletes a customer of a product (`DELETE /v1/products/:product/customers/:email`): its access tokens,
 * pending claim codes and activation codes are revoked and its devices become unclaimed (they stay in the
 * product). Succeeds with nothing (`{"ok":true}`). particle-api-js has no such method.
 *
 * Errors:
 * - `NotFound`: no such product, or no such customer in it.
 * - `Forbidden`: not allowed to remove this product's customers.
 * - `InvalidInput`: an empty `email`, a bad `product`.
 *
 * @example
 * ```ts
 * import { deleteCustomer } from "@effect-particle/products"
 *
 * const forget = deleteCustomer({ product: 4242, email: "jane@example.com" })
 * ```
 *
 * @since 0.1.0
 * @category customers
 */
export const deleteCustomer = /*#__PURE__*/ Operation.make({
  name: "deleteCustomer",
  summary: "Delete a customer",
  method: "DELETE",
  routes: [{ path: "/v1/products/{product}/customers/{email}" }],
  input: Schema.Struct({ product: Input.Product, email: Input.NonEmpty }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
