/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { CreatedIntegration, IntegrationSettings } from "./Integration.js"
import { EventPrefix, oneScope, sandboxDevice, toWire } from "./internal/input.js"

/**
 * Creates an integration: a webhook, an Azure IoT Hub, a Google Cloud Pub/Sub topic or Google Maps,
 * triggered by every event whose name starts with `event`. The settings are typed (`Integration.webhook`,
 * `Integration.azureIotHub`, …) and sent as particle-api-js sends them: `event`, `deviceid`, and the
 * settings spread at the top level.
 *
 * Options (particle-api-js names): `event` (a name prefix), `settings` (`Integration.IntegrationSettings`),
 * `deviceId` (sandbox integrations only: the one device whose events trigger it), `product` or `org` (id
 * or slug) for their integrations, not both.
 *
 * Errors:
 * - `BadRequest`: the cloud refuses the settings (e.g. a field it needs).
 * - `NotFound`: no such product or organization (or not a member of the organization).
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: an empty or too long `event`, an unknown `integration_type`, a webhook `url` that is
 *   not an absolute http(s) URL, more than one of `json` / `form` / `body`, `product` with `org`, or
 *   `deviceId` with either.
 *
 * @example
 * ```ts
 * import { createIntegration, Integration } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const id = createIntegration({
 *   event: "temperature",
 *   settings: Integration.webhook({
 *     url: "https://example.com/readings",
 *     json: { device: "{{{PARTICLE_DEVICE_ID}}}", value: "{{{PARTICLE_EVENT_VALUE}}}" },
 *     noDefaults: true
 *   })
 * }).pipe(Effect.map((created) => created.id))
 * ```
 *
 * @since 0.1.0
 * @category integrations
 */
export const createIntegration = /*#__PURE__*/ Operation.make({
  name: "createIntegration",
  summary: "Create an integration (webhook, Azure IoT Hub, Google Cloud Pub/Sub, Google Maps)",
  method: "POST",
  routes: Operation.scoped("/integrations", "user", "product", "org"),
  input: Schema.Struct({
    event: EventPrefix,
    settings: IntegrationSettings,
    deviceId: Schema.optional(Input.DeviceIdOrName),
    product: Schema.optional(Input.Product),
    org: Schema.optional(Input.Org)
  }).pipe(Schema.filter(oneScope), Schema.filter(sandboxDevice)),
  body: (i) => Operation.jsonBody({ event: i.event, deviceid: i.deviceId, ...(toWire(i.settings) as object) }),
  response: Operation.json(CreatedIntegration),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
