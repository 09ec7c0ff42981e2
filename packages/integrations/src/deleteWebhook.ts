/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Deletes a webhook (legacy webhook API; the cloud answers `{ "ok": true }`).
 *
 * Options: `hookId`, `product` (id or slug).
 *
 * Errors:
 * - `NotFound`: no webhook with this id (e.g. already deleted), or no such product.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: an empty `hookId`, a malformed `product`.
 *
 * @example
 * ```ts
 * import { deleteWebhook } from "@effect-particle/integrations"
 *
 * const gone = deleteWebhook({ hookId: "10001" })
 * ```
 *
 * @since 0.1.0
 * @category webhooks
 */
export const deleteWebhook = /*#__PURE__*/ Operation.make({
  name: "deleteWebhook",
  summary: "Delete a webhook (legacy webhook API)",
  method: "DELETE",
  routes: Operation.scoped("/webhooks/{hookId}", "user", "product"),
  input: Schema.Struct({ hookId: Input.NonEmpty, product: Schema.optional(Input.Product) }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})
