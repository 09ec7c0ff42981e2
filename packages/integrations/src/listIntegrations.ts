/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Integration } from "./Integration.js"
import { Scope } from "./internal/scope.js"

/**
 * Lists the integrations of the user's sandbox, a product or an organization, each decoded into its
 * kind (`Integration.isWebhook`, …; a kind this version does not know is kept as `OtherIntegration`).
 *
 * Options: `product` or `org` (id or slug), not both; neither for the sandbox.
 *
 * Errors:
 * - `NotFound`: no such product or organization (or not a member of the organization).
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: `product` with `org`, a malformed `product` or `org`.
 *
 * @example
 * ```ts
 * import { Integration, listIntegrations } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const webhookUrls = listIntegrations({ product: "my-fleet" }).pipe(
 *   Effect.map((all) => all.filter(Integration.isWebhook).map((w) => `${w.event} → ${w.url}`))
 * )
 * ```
 *
 * @since 0.1.0
 * @category integrations
 */
export const listIntegrations = /*#__PURE__*/ Operation.make({
  name: "listIntegrations",
  summary: "List the integrations of the sandbox, a product or an organization",
  method: "GET",
  routes: Operation.scoped("/integrations", "user", "product", "org"),
  input: Scope,
  response: Operation.json(Schema.Array(Integration)),
  errors: [ParticleError.NotFound]
})
