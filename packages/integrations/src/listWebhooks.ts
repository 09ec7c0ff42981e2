/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { WebhookInfo } from "./Webhook.js"

/**
 * Lists the webhooks of the user's sandbox or of a product (legacy webhook API: only webhooks, not the
 * other kinds of integration).
 *
 * Options: `product` (id or slug).
 *
 * Errors:
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a malformed `product`.
 *
 * @example
 * ```ts
 * import { listWebhooks } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const events = listWebhooks().pipe(Effect.map((hooks) => hooks.map((h) => h.event)))
 * ```
 *
 * @since 0.1.0
 * @category webhooks
 */
export const listWebhooks = /*#__PURE__*/ Operation.make({
  name: "listWebhooks",
  summary: "List webhooks (legacy webhook API)",
  method: "GET",
  routes: Operation.scoped("/webhooks", "user", "product"),
  input: Schema.Struct({ product: Schema.optional(Input.Product) }),
  response: Operation.json(Schema.Array(WebhookInfo)),
  errors: [ParticleError.NotFound]
})
