/**
 * The integration kinds Particle documents, as schemas: the settings you build (`IntegrationSettings`, a
 * union on `integration_type`) and the integrations you get back (`Integration`, the same kinds plus any
 * kind this version does not know, so that a list never fails on a new kind). Secrets (`auth.password`,
 * `policy_key`, `api_key`) are `Redacted` in both directions.
 *
 * @since 0.1.0
 */
import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"

// ------------------------------------------------------------------------------------------------- input

const isHttpUrl = (s: string): boolean => {
  try {
    const url = new URL(s)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}

/**
 * The URL a webhook sends to: an absolute `http(s)` URL. Its path and query may hold Mustache templates
 * (`https://example.com/log/{{{room}}}`).
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 * import { Schema } from "effect"
 *
 * Schema.is(Integration.WebhookUrl)("https://example.com/hook") // true
 * Schema.is(Integration.WebhookUrl)("example.com/hook") // false
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const WebhookUrl = /*#__PURE__*/ Schema.String.pipe(
  Schema.filter(isHttpUrl, { message: () => "must be an absolute http(s) URL" })
)

/**
 * The HTTP method of a webhook.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const put: typeof Integration.RequestType.Type = "PUT"
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const RequestType = /*#__PURE__*/ Schema.Literal("GET", "POST", "PUT", "DELETE")

const StringMap = Schema.Record({ key: Schema.String, value: Schema.String })
const Name = Schema.optional(Schema.String)
const Disabled = Schema.optional(Schema.Boolean)

/**
 * A webhook: Particle sends an HTTP request to `url` for every matching event. Every string may use
 * Mustache templates over the event: `{{{PARTICLE_EVENT_NAME}}}`, `{{{PARTICLE_EVENT_VALUE}}}`,
 * `{{{PARTICLE_DEVICE_ID}}}`, `{{{PARTICLE_PUBLISHED_AT}}}`, `{{{PARTICLE_EVENT_ID}}}`, `{{{PRODUCT_ID}}}`,
 * `{{{PRODUCT_USER_ID}}}`, `{{{PRODUCT_VERSION}}}`, and the keys of JSON event data (`{{{temp}}}`);
 * double braces HTML-escape the value.
 *
 * - `requestType`: `GET`, `POST` (default), `PUT` or `DELETE`.
 * - `json` (an object or a string template), `form` or `body` (a string): the request body, at most one.
 * - `query`, `headers`: added to the request; `auth`: basic authentication.
 * - `noDefaults`: leave out Particle's default fields `event`, `data`, `published_at`, `coreid` (sent in
 *   the query for GET, in the body otherwise).
 * - `responseTopic`, `errorResponseTopic`: the names of the response events (default
 *   `hook-response/<event>` / `hook-error/<event>`); `responseTemplate` shapes a JSON response.
 * - `rejectUnauthorized: false` accepts a self-signed certificate; `disabled: true` turns it off.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 * import { Schema } from "effect"
 *
 * const settings = Schema.decodeUnknownSync(Integration.WebhookSettings)({
 *   integration_type: "Webhook",
 *   url: "https://example.com/hook",
 *   form: { value: "{{{PARTICLE_EVENT_VALUE}}}" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const WebhookSettings = /*#__PURE__*/ Schema.Struct({
  integration_type: Schema.Literal("Webhook"),
  url: WebhookUrl,
  requestType: Schema.optional(RequestType),
  name: Name,
  headers: Schema.optional(StringMap),
  query: Schema.optional(StringMap),
  form: Schema.optional(StringMap),
  json: Schema.optional(Schema.Union(Schema.Record({ key: Schema.String, value: Schema.Unknown }), Schema.String)),
  body: Schema.optional(Schema.String),
  auth: Schema.optional(Schema.Struct({ username: Schema.String, password: Input.Secret })),
  responseTemplate: Schema.optional(Schema.String),
  responseTopic: Schema.optional(Schema.String),
  errorResponseTopic: Schema.optional(Schema.String),
  noDefaults: Schema.optional(Schema.Boolean),
  rejectUnauthorized: Schema.optional(Schema.Boolean),
  unchunked: Schema.optional(Schema.Boolean),
  dataUrlResponseEvent: Schema.optional(Schema.Boolean),
  disabled: Disabled
}).pipe(
  Schema.filter((s) => {
    const bodies = (["json", "form", "body"] as const).filter((k) => s[k] !== undefined)
    return bodies.length <= 1 ||
      { path: [bodies[1]!], message: `json, form and body are mutually exclusive (got ${bodies.join(" and ")})` }
  })
)

/**
 * Azure IoT Hub: events forwarded to a hub with a shared access policy (`policy_key` is a secret).
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const hub = Integration.azureIotHub({ hub_name: "my-hub", policy_name: "particle", policy_key: "…" })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const AzureIotHubSettings = /*#__PURE__*/ Schema.Struct({
  integration_type: Schema.Literal("AzureIotHub"),
  hub_name: Input.NonEmpty,
  policy_name: Input.NonEmpty,
  policy_key: Input.Secret,
  json: Schema.optional(Schema.Union(Schema.Record({ key: Schema.String, value: Schema.Unknown }), Schema.String)),
  name: Name,
  disabled: Disabled
})

/**
 * Google Cloud Pub/Sub: events published to a topic (`projects/<project>/topics/<topic>`).
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const pubsub = Integration.googleCloudPubSub({ topic: "projects/my-project/topics/readings" })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const GoogleCloudPubSubSettings = /*#__PURE__*/ Schema.Struct({
  integration_type: Schema.Literal("GoogleCloudPubSub"),
  topic: Input.NonEmpty,
  name: Name,
  disabled: Disabled
})

/**
 * Google Maps: geolocation of cellular and Wi-Fi devices (`api_key` is a secret).
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const maps = Integration.googleMaps({ api_key: "…" })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const GoogleMapsSettings = /*#__PURE__*/ Schema.Struct({
  integration_type: Schema.Literal("GoogleMaps"),
  api_key: Input.Secret,
  name: Name,
  disabled: Disabled
})

/**
 * The settings of an integration, one of the kinds above, told apart by `integration_type`. An unknown
 * kind is `InvalidInput` before any request.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const settings: Integration.IntegrationSettingsInput = {
 *   integration_type: "Webhook",
 *   url: "https://example.com/readings",
 *   json: { device: "{{{PARTICLE_DEVICE_ID}}}", temperature: "{{{temp}}}" },
 *   noDefaults: true
 * }
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const IntegrationSettings = /*#__PURE__*/ Schema.Union(
  WebhookSettings,
  AzureIotHubSettings,
  GoogleCloudPubSubSettings,
  GoogleMapsSettings
)

/**
 * The settings as you write them (secrets as strings or `Redacted`).
 *
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const settings: Integration.IntegrationSettingsInput = { integration_type: "GoogleCloudPubSub", topic: "projects/p/topics/t" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type IntegrationSettingsInput = Schema.Schema.Encoded<typeof IntegrationSettings>

/**
 * The settings once validated (secrets `Redacted`).
 *
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const kind = (s: Integration.IntegrationSettings) => s.integration_type
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type IntegrationSettings = Schema.Schema.Type<typeof IntegrationSettings>

type Without<K extends string, T> = T extends unknown ? Omit<T, K> : never

/**
 * Webhook settings, typed: `integration_type` filled in.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const hook = Integration.webhook({ url: "https://example.com/hook", requestType: "PUT", form: { v: "{{{PARTICLE_EVENT_VALUE}}}" } })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const webhook = (
  settings: Without<"integration_type", Schema.Schema.Encoded<typeof WebhookSettings>>
): Schema.Schema.Encoded<typeof WebhookSettings> => ({ integration_type: "Webhook", ...settings })

/**
 * Azure IoT Hub settings, typed.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const hub = Integration.azureIotHub({ hub_name: "my-hub", policy_name: "particle", policy_key: "…" })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const azureIotHub = (
  settings: Without<"integration_type", Schema.Schema.Encoded<typeof AzureIotHubSettings>>
): Schema.Schema.Encoded<typeof AzureIotHubSettings> => ({ integration_type: "AzureIotHub", ...settings })

/**
 * Google Cloud Pub/Sub settings, typed.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const pubsub = Integration.googleCloudPubSub({ topic: "projects/my-project/topics/readings" })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const googleCloudPubSub = (
  settings: Without<"integration_type", Schema.Schema.Encoded<typeof GoogleCloudPubSubSettings>>
): Schema.Schema.Encoded<typeof GoogleCloudPubSubSettings> => ({ integration_type: "GoogleCloudPubSub", ...settings })

/**
 * Google Maps settings, typed.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const maps = Integration.googleMaps({ api_key: "…" })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const googleMaps = (
  settings: Without<"integration_type", Schema.Schema.Encoded<typeof GoogleMapsSettings>>
): Schema.Schema.Encoded<typeof GoogleMapsSettings> => ({ integration_type: "GoogleMaps", ...settings })

// ------------------------------------------------------------------------------------------------ output

const Secret = Schema.optional(Schema.Redacted(Schema.String))

const common = {
  id: Schema.String,
  event: Schema.String,
  created_at: Schema.optional(Schema.String),
  name: Schema.optional(Schema.NullOr(Schema.String)),
  /** Sandbox integrations only: the one device whose events trigger it. */
  deviceID: Schema.optional(Schema.NullOr(Schema.String)),
  disabled: Schema.optional(Schema.Boolean),
  /** `getIntegration` only: the last deliveries (Particle does not document their shape). */
  logs: Schema.optional(Schema.Array(Schema.Unknown))
}

/**
 * A webhook integration as the cloud answers it.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 * import { Schema } from "effect"
 *
 * const hook = Schema.decodeUnknownSync(Integration.WebhookIntegration)({
 *   id: "10001",
 *   event: "temperature",
 *   integration_type: "Webhook",
 *   url: "https://example.com/hook"
 * })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const WebhookIntegration = /*#__PURE__*/ Schema.Struct({
  ...common,
  integration_type: Schema.Literal("Webhook"),
  url: Schema.String,
  requestType: Schema.optional(Schema.String),
  headers: Schema.optional(StringMap),
  query: Schema.optional(StringMap),
  form: Schema.optional(StringMap),
  json: Schema.optional(Schema.Unknown),
  body: Schema.optional(Schema.String),
  auth: Schema.optional(Schema.Struct({ username: Schema.optional(Schema.String), password: Secret })),
  responseTemplate: Schema.optional(Schema.String),
  responseTopic: Schema.optional(Schema.String),
  errorResponseTopic: Schema.optional(Schema.String),
  noDefaults: Schema.optional(Schema.Boolean),
  rejectUnauthorized: Schema.optional(Schema.Boolean)
})

/**
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const target = (w: Integration.WebhookIntegration) => `${w.requestType ?? "POST"} ${w.url}`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface WebhookIntegration extends Schema.Schema.Type<typeof WebhookIntegration> {}

/**
 * An Azure IoT Hub integration as the cloud answers it.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const isAzure = Integration.isAzureIotHub
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const AzureIotHubIntegration = /*#__PURE__*/ Schema.Struct({
  ...common,
  integration_type: Schema.Literal("AzureIotHub"),
  hub_name: Schema.String,
  policy_name: Schema.String,
  policy_key: Secret,
  json: Schema.optional(Schema.Unknown)
})

/**
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const hub = (a: Integration.AzureIotHubIntegration) => a.hub_name
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface AzureIotHubIntegration extends Schema.Schema.Type<typeof AzureIotHubIntegration> {}

/**
 * A Google Cloud Pub/Sub integration as the cloud answers it.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const isPubSub = Integration.isGoogleCloudPubSub
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const GoogleCloudPubSubIntegration = /*#__PURE__*/ Schema.Struct({
  ...common,
  integration_type: Schema.Literal("GoogleCloudPubSub"),
  topic: Schema.String
})

/**
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const topic = (p: Integration.GoogleCloudPubSubIntegration) => p.topic
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface GoogleCloudPubSubIntegration extends Schema.Schema.Type<typeof GoogleCloudPubSubIntegration> {}

/**
 * A Google Maps integration as the cloud answers it.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const isMaps = Integration.isGoogleMaps
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const GoogleMapsIntegration = /*#__PURE__*/ Schema.Struct({
  ...common,
  integration_type: Schema.Literal("GoogleMaps"),
  api_key: Secret
})

/**
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const event = (m: Integration.GoogleMapsIntegration) => m.event
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface GoogleMapsIntegration extends Schema.Schema.Type<typeof GoogleMapsIntegration> {}

/**
 * An integration of a kind this version does not know (or a known kind missing a field it needs): its
 * fields are kept as they came.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 * import { Schema } from "effect"
 *
 * // a kind this version does not know keeps its fields
 * const other = Schema.decodeUnknownSync(Integration.Integration)({ id: "7", event: "e", integration_type: "Datacake", token: "t" })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const OtherIntegration = /*#__PURE__*/ Schema.Struct(
  { ...common, integration_type: Schema.String },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

/**
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const kind = (o: Integration.OtherIntegration) => o.integration_type
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface OtherIntegration extends Schema.Schema.Type<typeof OtherIntegration> {}

/**
 * An integration as `listIntegrations`, `getIntegration` and `editIntegration` answer it. Narrow it with
 * `isWebhook` and its siblings (`integration_type` alone cannot narrow it, because of `OtherIntegration`).
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 * import { Schema } from "effect"
 *
 * const decoded = Schema.decodeUnknownSync(Integration.Integration)({ id: "8", event: "g", integration_type: "GoogleCloudPubSub", topic: "t" })
 * Integration.isGoogleCloudPubSub(decoded) // true
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Integration = /*#__PURE__*/ Schema.Union(
  WebhookIntegration,
  AzureIotHubIntegration,
  GoogleCloudPubSubIntegration,
  GoogleMapsIntegration,
  OtherIntegration
)

/**
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const describe = (i: Integration.Integration) => `${i.id}: ${i.integration_type} on ${i.event}`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Integration = Schema.Schema.Type<typeof Integration>

/**
 * @example
 * ```ts
 * import { Integration, listIntegrations } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const urls = listIntegrations().pipe(Effect.map((all) => all.filter(Integration.isWebhook).map((w) => w.url)))
 * ```
 *
 * @since 0.1.0
 * @category guards
 */
export const isWebhook = (i: Integration): i is WebhookIntegration => Schema.is(WebhookIntegration)(i)

/**
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const hubs = (all: ReadonlyArray<Integration.Integration>) => all.filter(Integration.isAzureIotHub).map((a) => a.hub_name)
 * ```
 *
 * @since 0.1.0
 * @category guards
 */
export const isAzureIotHub = (i: Integration): i is AzureIotHubIntegration => Schema.is(AzureIotHubIntegration)(i)

/**
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const topics = (all: ReadonlyArray<Integration.Integration>) => all.filter(Integration.isGoogleCloudPubSub).map((p) => p.topic)
 * ```
 *
 * @since 0.1.0
 * @category guards
 */
export const isGoogleCloudPubSub = (i: Integration): i is GoogleCloudPubSubIntegration =>
  Schema.is(GoogleCloudPubSubIntegration)(i)

/**
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 *
 * const hasMaps = (all: ReadonlyArray<Integration.Integration>) => all.some(Integration.isGoogleMaps)
 * ```
 *
 * @since 0.1.0
 * @category guards
 */
export const isGoogleMaps = (i: Integration): i is GoogleMapsIntegration => Schema.is(GoogleMapsIntegration)(i)

/**
 * The answer of `createIntegration`: the new id (and, for webhooks, `hookUrl`; for the other kinds,
 * `integrationUrl`), with the settings the cloud echoes.
 *
 * @example
 * ```ts
 * import { createIntegration, Integration } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const hookUrl = createIntegration({ event: "e", settings: Integration.webhook({ url: "https://example.com" }) }).pipe(
 *   Effect.map((created) => created.hookUrl)
 * )
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreatedIntegration = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  id: Schema.String,
  event: Schema.optional(Schema.String),
  created_at: Schema.optional(Schema.String),
  integration_type: Schema.optional(Schema.String),
  url: Schema.optional(Schema.String),
  name: Schema.optional(Schema.NullOr(Schema.String)),
  hookUrl: Schema.optional(Schema.String),
  integrationUrl: Schema.optional(Schema.String)
})

/**
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const id = (c: Integration.CreatedIntegration) => c.id
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface CreatedIntegration extends Schema.Schema.Type<typeof CreatedIntegration> {}

/**
 * `{ integration: … }`, unwrapped.
 *
 * @example
 * ```ts
 * import { Integration } from "@effect-particle/integrations"
 * import { Schema } from "effect"
 *
 * const one = Schema.decodeUnknownSync(Integration.IntegrationEnvelope)({
 *   integration: { id: "9", event: "m", integration_type: "GoogleMaps" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const IntegrationEnvelope: Schema.Schema<Integration, any> = /*#__PURE__*/ Schema.transform(
  Schema.Struct({ integration: Integration }),
  Schema.typeSchema(Integration),
  { strict: true, decode: (wire) => wire.integration, encode: (integration) => ({ integration }) }
)

/**
 * The answer of `testIntegration`: whether the target answered well, with its answer (`data`) or the
 * reason it failed (`error`).
 *
 * @example
 * ```ts
 * import { testIntegration } from "@effect-particle/integrations"
 * import { Effect } from "effect"
 *
 * const pass = testIntegration({ integrationId: "10001" }).pipe(Effect.map((r) => r.pass))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const TestResult = /*#__PURE__*/ Schema.Struct({
  pass: Schema.Boolean,
  data: Schema.optional(Schema.Unknown),
  error: Schema.optional(Schema.Unknown)
})

/**
 * @example
 * ```ts
 * import type { Integration } from "@effect-particle/integrations"
 *
 * const why = (r: Integration.TestResult) => (r.pass ? "ok" : String(r.error))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface TestResult extends Schema.Schema.Type<typeof TestResult> {}
