/**
 * Publishing events through the API.
 *
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Options of {@link publishEvent}.
 *
 * - `name`: the event name, 1–64 characters;
 * - `data`: the payload (a string; Particle limits it to 1,024 bytes on most Device OS versions);
 * - `isPrivate`: sent as `private` (a legacy flag; all events are private today);
 * - `ttl`: seconds, an integer ≥ 0 (Particle's default is 60);
 * - `product`: publish to a product's stream (`POST /v1/products/{product}/events`) instead of your own;
 * - `org`: publish to an organization's stream (`POST /v1/orgs/{org}/events`);
 * - `asDeviceId`: with `product`, publish as that product device (sent as `as_device_id`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PublishEventOptions = Schema.Struct({
  name: Input.NonEmpty.pipe(Schema.maxLength(64, { message: () => "must be at most 64 characters" })),
  data: Schema.optional(Schema.String),
  isPrivate: Schema.optional(Schema.Boolean),
  ttl: Schema.optional(
    Schema.Number.pipe(
      Schema.int({ message: () => "must be an integer ≥ 0 (seconds)" }),
      Schema.greaterThanOrEqualTo(0, { message: () => "must be an integer ≥ 0 (seconds)" })
    )
  ),
  product: Schema.optional(Input.Product),
  org: Schema.optional(Input.Org),
  asDeviceId: Schema.optional(Input.DeviceId)
}).pipe(
  Schema.filter((o) =>
    o.product !== undefined && o.org !== undefined
      ? { path: ["org"], message: "cannot be combined with product (an event goes to one stream)" }
      : o.asDeviceId === undefined || o.product !== undefined ||
        { path: ["asDeviceId"], message: "needs product (a device publishes into its product's stream)" }
  )
)

/**
 * What Particle answers: `{ ok: true }`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PublishEventResponse = Schema.Struct({ ok: Schema.Boolean })

/**
 * The errors of {@link publishEvent}.
 *
 * @since 0.1.0
 * @category errors
 */
export type PublishEventError = Operation.ErrorOf<
  [typeof ParticleError.BadRequest, typeof ParticleError.NotFound],
  true
>

/**
 * Publishes an event to your devices' stream (`POST /v1/devices/events`), to a product's stream
 * (`POST /v1/products/{product}/events`) or to an organization's (`POST /v1/orgs/{org}/events`), sending `{ name, data, private, ttl }` as JSON as particle-api-js
 * does (`private` ← `isPrivate`; fields left out are not sent).
 *
 * Publishing is not idempotent, so it is never retried unless you compose a retry yourself
 * (`Effect.retry({ schedule: Retry.schedule(), while: Retry.isRetryable })` from `@effect-particle/core`).
 *
 * What the errors mean here (every error is listed in the README table): `BadRequest` is a name Particle
 * rejects; `NotFound` is an unknown product, or an `asDeviceId` not in the product.
 *
 * @example
 * ```ts
 * import { publishEvent } from "@effect-particle/events"
 *
 * const program = publishEvent({ name: "deploy/started", data: "v1.2.3", ttl: 60 })
 * // or into a product's stream: publishEvent({ product: "my-fleet", name: "config", data: "{}" })
 * ```
 *
 * @since 0.1.0
 * @category operations
 */
export const publishEvent = /*#__PURE__*/ Operation.make({
  name: "publishEvent",
  summary: "Publish an event to your devices' stream, or with `product` (and optionally `asDeviceId`) to a product's",
  method: "POST",
  routes: [{ path: "/v1/orgs/{org}/events" }, { path: "/v1/products/{product}/events" }, {
    path: "/v1/devices/events"
  }],
  input: PublishEventOptions,
  body: (o) =>
    Operation.jsonBody({
      name: o.name,
      data: o.data,
      private: o.isPrivate,
      ttl: o.ttl,
      as_device_id: o.asDeviceId
    }),
  response: Operation.json(PublishEventResponse),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
