/**
 * Schemas of what the token endpoint answers and of access-token listings. Every token is decoded to
 * `Redacted<string>`: it never appears in a log line, an error, `toString()` or `JSON.stringify`; unwrap it
 * with `Redacted.value` only where it goes on the wire (or pass it to `ParticleClient.withAccessToken`).
 *
 * @since 0.1.0
 */
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/**
 * A secret string of a response (a token, a client secret, a recovery code), decoded to `Redacted`. A value
 * that is not a string fails with a message that does not repeat it.
 *
 * @example
 * ```ts
 * import { Token } from "@effect-particle/auth"
 * import { Redacted, Schema } from "effect"
 *
 * const secret = Schema.decodeUnknownSync(Token.SecretString)("254406f79c1999af65a7df4388971354f85cfee9")
 * String(secret) // "<redacted>"
 * Redacted.value(secret) // the token
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SecretString: Schema.Schema<Redacted.Redacted<string>, string> = /*#__PURE__*/ Schema.Redacted(
  Schema.String.annotations({ message: () => "must be a string (its value is secret and not shown)" })
)

/**
 * What `POST /oauth/token` (and customer creation) answers: `access_token`, and for an expiring token its
 * lifetime `expires_in` (seconds) and a `refresh_token`; `scope` when one was granted (a customer-scoped
 * token has `customer=<email>`). A token that never expires (`tokenDuration: 0`) comes without
 * `expires_in` and `refresh_token`.
 *
 * @example
 * ```ts
 * import { getUserInfo, login } from "@effect-particle/auth"
 * import { ParticleClient } from "@effect-particle/core"
 * import { Effect } from "effect"
 *
 * const me = Effect.flatMap(
 *   login({ username: "me@example.com", password: process.env.PARTICLE_PASSWORD! }),
 *   (token) => getUserInfo().pipe(ParticleClient.withAccessToken(token.access_token))
 * )
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Token = /*#__PURE__*/ Schema.Struct({
  token_type: Schema.String,
  access_token: SecretString,
  /** Seconds until the access token expires; absent for a token that never expires. */
  expires_in: Schema.optional(Schema.Number),
  refresh_token: Schema.optional(SecretString),
  scope: Schema.optional(Schema.String)
})

/**
 * A decoded token answer.
 *
 * @example
 * ```ts
 * import type { Token } from "@effect-particle/auth"
 *
 * const expiresAt = (t: Token.Token, now: number) => (t.expires_in === undefined ? Infinity : now + t.expires_in * 1000)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Token extends Schema.Schema.Type<typeof Token> {}

/**
 * One access token of the account, as `GET /v1/access_tokens` lists it.
 *
 * @example
 * ```ts
 * import { listAccessTokens } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const clients = listAccessTokens({ username: "me@example.com", password: process.env.PARTICLE_PASSWORD! }).pipe(
 *   Effect.map((tokens) => tokens.map((t) => t.client))
 * )
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccessTokenInfo = /*#__PURE__*/ Schema.Struct({
  token: SecretString,
  /** ISO-8601; `null` for a token that never expires. */
  expires_at: Schema.optional(Schema.NullOr(Schema.String)),
  /** The OAuth client that created it (`particle`, `particle-cli`, a product client …). */
  client: Schema.optional(Schema.String)
})

/**
 * One listed access token.
 *
 * @example
 * ```ts
 * import type { Token } from "@effect-particle/auth"
 *
 * const neverExpires = (t: Token.AccessTokenInfo) => t.expires_at == null
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface AccessTokenInfo extends Schema.Schema.Type<typeof AccessTokenInfo> {}

/**
 * What Particle says about the token a request was made with (`GET /v1/access_tokens/current`). The docs
 * name the client `client`, particle-api-js's types `client_id`: both are read.
 *
 * @example
 * ```ts
 * import { getCurrentAccessToken } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const expiresAt = getCurrentAccessToken().pipe(Effect.map((t) => t.expires_at ?? "never"))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const CurrentToken = /*#__PURE__*/ Schema.Struct({
  /** ISO-8601; `null` for a token that never expires. */
  expires_at: Schema.optional(Schema.NullOr(Schema.String)),
  client: Schema.optional(Schema.String),
  client_id: Schema.optional(Schema.String),
  scopes: Schema.optional(Schema.Array(Schema.String)),
  orgs: Schema.optional(Schema.Array(Schema.Struct({ id: Schema.String, slug: Schema.optional(Schema.String) })))
})

/**
 * What Particle says about the calling token.
 *
 * @example
 * ```ts
 * import type { Token } from "@effect-particle/auth"
 *
 * const clientOf = (t: Token.CurrentToken) => t.client ?? t.client_id
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface CurrentToken extends Schema.Schema.Type<typeof CurrentToken> {}
