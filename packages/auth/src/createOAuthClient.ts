/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { clientRoutes, productOption, Scope } from "./internal/clients.js"
import { NonBlank } from "./internal/input.js"
import { CreatedOAuthClient } from "./OAuthClient.js"

/**
 * Creates an OAuth client for the user (`POST /v1/clients`) or a product
 * (`POST /v1/products/:product/clients`) with JSON `{ name, type, redirect_uri, scope }`, as particle-api-js
 * sends it. The answer's `client.secret` is `Redacted` and shown only this once: store it (e.g. for
 * {@link loginAsClientOwner} or `TokenService.clientCredentials`).
 *
 * Options: `name`, `type` (`installed` for servers and mobile apps, `web` for browser redirects, which needs
 * `redirect_uri`), `redirect_uri`, `scope` (space-separated; a product client creating customers needs
 * `customers:create`, `*:*` grants everything), `product` (id or slug).
 *
 * Errors:
 * - `BadRequest`: a missing name, an unknown type, a web client without `redirect_uri`.
 * - `NotFound` / `Forbidden`: no such product / not on its team.
 * - `InvalidInput`: an empty `name`, a `type` other than `installed` / `web`, `web` without `redirect_uri`,
 *   an empty `scope`, a bad `product`.
 *
 * @example
 * ```ts
 * import { createOAuthClient } from "@effect-particle/auth"
 * import { Effect, Redacted } from "effect"
 *
 * const created = createOAuthClient({ name: "fleet backend", type: "installed", scope: "*:*", product: 4242 }).pipe(
 *   Effect.tap(({ client }) => Effect.log(`client ${client.id} made; store ${Redacted.value(client.secret).length} chars`))
 * )
 * ```
 *
 * @since 0.1.0
 * @category oauth clients
 */
export const createOAuthClient = /*#__PURE__*/ Operation.make({
  name: "createOAuthClient",
  summary: "Create an OAuth client (its secret is shown once)",
  method: "POST",
  routes: clientRoutes(""),
  input: Schema.Struct({
    name: NonBlank,
    type: Schema.Literal("installed", "web").annotations({ message: () => "must be \"installed\" or \"web\"" }),
    redirect_uri: Schema.optional(NonBlank),
    scope: Schema.optional(Scope),
    ...productOption
  }).pipe(
    Schema.filter((o) =>
      o.type !== "web" || o.redirect_uri !== undefined ||
      { path: ["redirect_uri"], message: "is required for a web client" }
    )
  ),
  body: (i) => Operation.jsonBody({ name: i.name, type: i.type, redirect_uri: i.redirect_uri, scope: i.scope }),
  response: Operation.json(Schema.Struct({ ok: Schema.optional(Schema.Boolean), client: CreatedOAuthClient })),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
