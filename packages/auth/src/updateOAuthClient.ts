/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ClientIdInPath, clientRoutes, productOption, Scope } from "./internal/clients.js"
import { NonBlank } from "./internal/input.js"
import { OAuthClient } from "./OAuthClient.js"

/**
 * Renames an OAuth client or changes its scope (`PUT /v1/clients/:clientId`, or the product twin, with JSON
 * `{ name, scope }`, as particle-api-js sends it; fields not given are left alone). `scope: "none"` clears
 * the scope. The secret does not change.
 *
 * Errors:
 * - `NotFound`: no such client (in this scope), or no such product.
 * - `BadRequest`: the cloud rejected a field.
 * - `InvalidInput`: a bad `clientId`, an empty `name` or `scope`, a bad `product`.
 *
 * @example
 * ```ts
 * import { updateOAuthClient } from "@effect-particle/auth"
 *
 * const narrow = updateOAuthClient({ clientId: "fleet-backend-1234", scope: "customers:create", product: 4242 })
 * ```
 *
 * @since 0.1.0
 * @category oauth clients
 */
export const updateOAuthClient = /*#__PURE__*/ Operation.make({
  name: "updateOAuthClient",
  summary: "Rename an OAuth client or change its scope",
  method: "PUT",
  routes: clientRoutes("/{clientId}"),
  input: Schema.Struct({
    clientId: ClientIdInPath,
    name: Schema.optional(NonBlank),
    scope: Schema.optional(Scope),
    ...productOption
  }),
  body: (i) => Operation.jsonBody({ name: i.name, scope: i.scope }),
  response: Operation.json(Schema.Struct({ ok: Schema.optional(Schema.Boolean), client: OAuthClient })),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
