/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { clientRoutes, productOption } from "./internal/clients.js"
import { OAuthClientList } from "./OAuthClient.js"

/**
 * Lists the OAuth clients of the user (`GET /v1/clients`) or of a product
 * (`GET /v1/products/:product/clients`). Secrets are never listed.
 *
 * Errors:
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a bad `product`.
 *
 * @example
 * ```ts
 * import { listOAuthClients } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const webClients = listOAuthClients({ product: 4242 }).pipe(
 *   Effect.map((r) => r.clients.filter((c) => c.type === "web"))
 * )
 * ```
 *
 * @since 0.1.0
 * @category oauth clients
 */
export const listOAuthClients = /*#__PURE__*/ Operation.make({
  name: "listOAuthClients",
  summary: "List the OAuth clients of the user or of a product",
  method: "GET",
  routes: clientRoutes(""),
  input: Schema.Struct(productOption),
  response: Operation.json(OAuthClientList),
  errors: [ParticleError.NotFound]
})
