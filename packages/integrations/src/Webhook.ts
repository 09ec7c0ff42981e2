/**
 * Schemas of the legacy webhook API (`/v1/webhooks`), which particle-api-js's `createWebhook`,
 * `listWebhooks` and `deleteWebhook` use. The same webhooks are integrations too.
 *
 * @since 0.1.0
 */
import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { RequestType } from "./Integration.js"

const StringMap = Schema.Record({ key: Schema.String, value: Schema.String })

/**
 * The `hook` option of `createWebhook`, with particle-api-js's names: `method` (sent as `requestType`,
 * default `POST`), `auth`, `headers`, `query`, `json`, `form`, `body`, `responseTemplate`,
 * `responseEvent` (sent as `responseTopic`) and `errorResponseEvent` (sent as `errorResponseTopic`).
 *
 * @example
 * ```ts
 * import { Webhook } from "@effect-particle/integrations"
 * import { Schema } from "effect"
 *
 * const hook = Schema.decodeUnknownSync(Webhook.Hook)({ method: "GET", query: { q: "{{{PARTICLE_EVENT_VALUE}}}" } })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Hook = /*#__PURE__*/ Schema.Struct({
  method: Schema.optional(RequestType),
  auth: Schema.optional(Schema.Struct({ username: Schema.String, password: Input.Secret })),
  headers: Schema.optional(StringMap),
  query: Schema.optional(StringMap),
  json: Schema.optional(Schema.Union(Schema.Record({ key: Schema.String, value: Schema.Unknown }), Schema.String)),
  form: Schema.optional(StringMap),
  body: Schema.optional(Schema.String),
  responseTemplate: Schema.optional(Schema.String),
  responseEvent: Schema.optional(Schema.String),
  errorResponseEvent: Schema.optional(Schema.String)
}).pipe(
  Schema.filter((h) => {
    const bodies = (["json", "form", "body"] as const).filter((k) => h[k] !== undefined)
    return bodies.length <= 1 ||
      { path: [bodies[1]!], message: `json, form and body are mutually exclusive (got ${bodies.join(" and ")})` }
  })
)

/**
 * @example
 * ```ts
 * import type { Webhook } from "@effect-particle/integrations"
 *
 * const hook: Webhook.HookInput = { method: "PUT", responseEvent: "ack" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type HookInput = Schema.Schema.Encoded<typeof Hook>

/**
 * A webhook as `listWebhooks` answers it.
 *
 * @example
 * ```ts
 * import { listWebhooks } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const urls = listWebhooks().pipe(Effect.map((hooks) => hooks.map((h) => h.url)))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const WebhookInfo = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  event: Schema.String,
  created_at: Schema.optional(Schema.String),
  url: Schema.String,
  requestType: Schema.optional(Schema.String),
  name: Schema.optional(Schema.NullOr(Schema.String)),
  deviceID: Schema.optional(Schema.NullOr(Schema.String)),
  disabled: Schema.optional(Schema.Boolean)
})

/**
 * @example
 * ```ts
 * import type { Webhook } from "@effect-particle/integrations"
 *
 * const label = (h: Webhook.WebhookInfo) => `${h.event} → ${h.url}`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface WebhookInfo extends Schema.Schema.Type<typeof WebhookInfo> {}

/**
 * The answer of `createWebhook`.
 *
 * @example
 * ```ts
 * import { createWebhook } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const id = createWebhook({ event: "e", url: "https://example.com" }).pipe(Effect.map((w) => w.id))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreatedWebhook = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  id: Schema.String,
  url: Schema.String,
  event: Schema.String,
  name: Schema.optional(Schema.NullOr(Schema.String)),
  created_at: Schema.optional(Schema.String),
  hookUrl: Schema.optional(Schema.String)
})

/**
 * @example
 * ```ts
 * import type { Webhook } from "@effect-particle/integrations"
 *
 * const id = (w: Webhook.CreatedWebhook) => w.id
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface CreatedWebhook extends Schema.Schema.Type<typeof CreatedWebhook> {}
