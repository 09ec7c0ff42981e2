/**
 * Schemas of OAuth clients (`/v1/clients`, `/v1/products/:product/clients`). A created client's `secret` is
 * `Redacted`: Particle shows it once, in the answer of `createOAuthClient`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { SecretString } from "./Token.js"

/**
 * An OAuth client: `id` (a slug of the name plus a number), `name`, `type` (`installed` or `web`),
 * `redirect_uri` for web clients, `scope` (space-separated, e.g. `customers:create`, `*:*`).
 *
 * @example
 * ```ts
 * import { listOAuthClients } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const ids = listOAuthClients({ product: "my-product" }).pipe(Effect.map((r) => r.clients.map((c) => c.id)))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const OAuthClient = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  type: Schema.String,
  redirect_uri: Schema.optional(Schema.String),
  scope: Schema.optional(Schema.String),
  product_id: Schema.optional(Schema.Number)
})

/**
 * An OAuth client.
 *
 * @example
 * ```ts
 * import type { OAuthClient } from "@effect-particle/auth"
 *
 * const isWeb = (c: OAuthClient.OAuthClient) => c.type === "web"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface OAuthClient extends Schema.Schema.Type<typeof OAuthClient> {}

/**
 * A client as `createOAuthClient` answers it, with its `secret` (`Redacted`, shown this once).
 *
 * @example
 * ```ts
 * import { createOAuthClient } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const credentials = createOAuthClient({ name: "backend", type: "installed", product: "my-product" }).pipe(
 *   Effect.map(({ client }) => ({ clientId: client.id, clientSecret: client.secret }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreatedOAuthClient = /*#__PURE__*/ Schema.Struct({ ...OAuthClient.fields, secret: SecretString })

/**
 * A created OAuth client, with its secret.
 *
 * @example
 * ```ts
 * import type { OAuthClient } from "@effect-particle/auth"
 *
 * const credentials = (c: OAuthClient.CreatedOAuthClient) => ({ clientId: c.id, clientSecret: c.secret })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface CreatedOAuthClient extends Schema.Schema.Type<typeof CreatedOAuthClient> {}

/**
 * The answer of `listOAuthClients`: `{ ok, clients }`.
 *
 * @example
 * ```ts
 * import { listOAuthClients } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const count = listOAuthClients().pipe(Effect.map((r) => r.clients.length))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const OAuthClientList = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  clients: Schema.Array(OAuthClient)
})

/**
 * A list of OAuth clients.
 *
 * @example
 * ```ts
 * import type { OAuthClient } from "@effect-particle/auth"
 *
 * const ids = (l: OAuthClient.OAuthClientList) => l.clients.map((c) => c.id)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface OAuthClientList extends Schema.Schema.Type<typeof OAuthClientList> {}
