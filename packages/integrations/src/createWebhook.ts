/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { WebhookUrl } from "./Integration.js"
import { EventPrefix, toWire } from "./internal/input.js"
import { CreatedWebhook, Hook } from "./Webhook.js"

/**
 * Creates a webhook through the legacy webhook API (`POST /v1/webhooks`), as particle-api-js's
 * `createWebhook` does: `event`, `url`, `deviceId` (from `device`), `rejectUnauthorized`, `noDefaults`,
 * `requestType` (from `hook.method`, default `POST`) and the other `hook` settings under their wire names
 * (`responseEvent` → `responseTopic`, `errorResponseEvent` → `errorResponseTopic`). The webhook is an
 * integration too (`listIntegrations`, `editIntegration`).
 *
 * Options: `event`, `url`, `device` (id or name), `rejectUnauthorized`, `noDefaults`, `hook`
 * (`Webhook.Hook`), `product` (id or slug).
 *
 * Errors:
 * - `BadRequest`: the cloud refuses the settings.
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: an empty or too long `event`, a `url` that is not an absolute http(s) URL, an unknown
 *   `hook.method`, more than one of `hook.json` / `hook.form` / `hook.body`.
 *
 * @example
 * ```ts
 * import { createWebhook } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const hookId = createWebhook({
 *   event: "alarm",
 *   url: "https://example.com/alarms",
 *   hook: { method: "PUT", json: { who: "{{{PARTICLE_DEVICE_ID}}}" }, responseEvent: "alarm-ack" }
 * }).pipe(Effect.map((w) => w.id))
 * ```
 *
 * @since 0.1.0
 * @category webhooks
 */
export const createWebhook = /*#__PURE__*/ Operation.make({
  name: "createWebhook",
  summary: "Create a webhook (legacy webhook API)",
  method: "POST",
  routes: Operation.scoped("/webhooks", "user", "product"),
  input: Schema.Struct({
    event: EventPrefix,
    url: WebhookUrl,
    device: Schema.optional(Input.DeviceIdOrName),
    rejectUnauthorized: Schema.optional(Schema.Boolean),
    noDefaults: Schema.optional(Schema.Boolean),
    hook: Schema.optional(Hook),
    product: Schema.optional(Input.Product)
  }),
  body: (i) =>
    Operation.jsonBody(toWire({
      event: i.event,
      url: i.url,
      deviceId: i.device,
      rejectUnauthorized: i.rejectUnauthorized,
      noDefaults: i.noDefaults,
      requestType: i.hook?.method ?? "POST",
      auth: i.hook?.auth,
      headers: i.hook?.headers,
      query: i.hook?.query,
      json: i.hook?.json,
      form: i.hook?.form,
      body: i.hook?.body,
      responseTemplate: i.hook?.responseTemplate,
      responseTopic: i.hook?.responseEvent,
      errorResponseTopic: i.hook?.errorResponseEvent
    })),
  response: Operation.json(CreatedWebhook),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
