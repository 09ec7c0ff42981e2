/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { IntegrationEnvelope, IntegrationSettings } from "./Integration.js"
import { EventPrefix, oneScope, sandboxDevice, toWire } from "./internal/input.js"

/**
 * Replaces an integration (`PUT …/integrations/:integrationId`): the cloud stores exactly what is sent,
 * without merging it into the old settings, so `event` and `settings` are required. Answers the
 * integration as it is now.
 *
 * Options: `integrationId`, `event`, `settings`, `deviceId` (sandbox only), `product` or `org`, as for
 * `createIntegration`.
 *
 * Errors:
 * - `BadRequest`: the cloud refuses the settings.
 * - `NotFound`: no integration with this id in this scope, or no such product or organization.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: as for `createIntegration`, and an empty `integrationId`.
 *
 * @example
 * ```ts
 * import { editIntegration, Integration } from "@effect-particle/integrations"
 *
 * const moved = editIntegration({
 *   integrationId: "10001",
 *   event: "temperature",
 *   settings: Integration.webhook({ url: "https://example.com/new-endpoint" })
 * })
 * ```
 *
 * @since 0.1.0
 * @category integrations
 */
export const editIntegration = /*#__PURE__*/ Operation.make({
  name: "editIntegration",
  summary: "Replace an integration's event and settings",
  method: "PUT",
  routes: Operation.scoped("/integrations/{integrationId}", "user", "product", "org"),
  input: Schema.Struct({
    integrationId: Input.NonEmpty,
    event: EventPrefix,
    settings: IntegrationSettings,
    deviceId: Schema.optional(Input.DeviceIdOrName),
    product: Schema.optional(Input.Product),
    org: Schema.optional(Input.Org)
  }).pipe(Schema.filter(oneScope), Schema.filter(sandboxDevice)),
  body: (i) => Operation.jsonBody({ event: i.event, deviceid: i.deviceId, ...(toWire(i.settings) as object) }),
  response: Operation.json(IntegrationEnvelope),
  errors: [ParticleError.BadRequest, ParticleError.NotFound],
  idempotent: true
})
