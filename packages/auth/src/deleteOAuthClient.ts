/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ClientIdInPath, clientRoutes, productOption } from "./internal/clients.js"

/**
 * Deletes an OAuth client (`DELETE /v1/clients/:clientId`, or the product twin; 204). Its credentials stop
 * working for new tokens.
 *
 * Errors:
 * - `NotFound`: no such client (in this scope), or no such product.
 * - `InvalidInput`: a bad `clientId` or `product`.
 *
 * @example
 * ```ts
 * import { deleteOAuthClient } from "@effect-particle/auth"
 *
 * const remove = deleteOAuthClient({ clientId: "fleet-backend-1234", product: 4242 })
 * ```
 *
 * @since 0.1.0
 * @category oauth clients
 */
export const deleteOAuthClient = /*#__PURE__*/ Operation.make({
  name: "deleteOAuthClient",
  summary: "Delete an OAuth client",
  method: "DELETE",
  routes: clientRoutes("/{clientId}"),
  input: Schema.Struct({ clientId: ClientIdInPath, ...productOption }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
