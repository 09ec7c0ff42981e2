/**
 * Integrations family: integrations and legacy webhooks, user / product / org scope; create, list, get
 * (with the `logs` of the last deliveries), replace, test, delete. Webhooks are delivered for real to
 * loopback URLs (`../webhooks.ts`), from `onIntegrationEvent`.
 */
import { first, nowIso } from "../coerce.js"
import type { AuthedCtx, RouteTable, Services } from "../context.js"
import type { SimEvent } from "../events.js"
import { errB, noContent, ok, type Reply } from "../reply.js"
import { type Delivery, type IntegrationScope, isInScope, MAX_INTEGRATIONS } from "../store/integrations.js"
import type { IntegrationRecord } from "../store/types.js"
import { onWebhookEvent, testWebhook } from "../webhooks.js"
import { isReply, resolveOrg, resolveProduct } from "./shared.js"

/** The kinds Particle documents, and the fields each one needs. */
const REQUIRED: Readonly<Record<string, ReadonlyArray<string>>> = {
  Webhook: ["url"],
  AzureIotHub: ["hub_name", "policy_name", "policy_key"],
  GoogleCloudPubSub: ["topic"],
  GoogleMaps: ["api_key"],
  GoogleSheets: []
}
const REQUEST_TYPES = ["GET", "POST", "PUT", "DELETE"]
const MAX_EVENT_NAME = 64
const MAX_SETTINGS_BYTES = 64 * 1024

const scopeOf = (ctx: AuthedCtx): IntegrationScope | Reply => {
  const owner = ctx.user.username
  if (ctx.p["product"] !== undefined) {
    const p = resolveProduct(ctx, ctx.p["product"])
    return isReply(p) ? p : { owner, productId: p.id, orgId: undefined }
  }
  if (ctx.p["org"] !== undefined) {
    const org = resolveOrg(ctx)
    return isReply(org) ? org : { owner, productId: undefined, orgId: org.id }
  }
  return { owner, productId: undefined, orgId: undefined }
}

/** The last deliveries of an integration, newest first (Particle's console shows the last 10). */
const logsOf = (ctx: AuthedCtx, i: IntegrationRecord) =>
  ctx.store.integrations.deliveriesOf(i.id).slice(-10).reverse().map((d: Delivery) => ({
    time: d.time,
    event: d.event,
    request: d.request,
    response: d.response ?? null,
    contacted: d.contacted,
    ...(d.error !== undefined ? { error: d.error } : {})
  }))

const integrationJson = (ctx: AuthedCtx, i: IntegrationRecord, withLogs = false) => {
  const out: Record<string, unknown> = { id: i.id, ...i.fields, created_at: i.created_at }
  if (withLogs) out["logs"] = logsOf(ctx, i)
  return out
}

const isStringMap = (v: unknown) =>
  v !== null && typeof v === "object" && !Array.isArray(v) &&
  Object.values(v).every((x) => ["string", "number", "boolean"].includes(typeof x))

/** The stored settings of a create / replace request (a full replacement, never a merge). */
const fieldsOf = (ctx: AuthedCtx, legacy: boolean): Record<string, unknown> | Reply => {
  const b: Record<string, unknown> = { ...ctx.body }
  delete b["access_token"]
  const type = legacy ? "Webhook" : (first(b["integration_type"]) ?? "Webhook")
  if (!Object.hasOwn(REQUIRED, type)) {
    return errB(400, `Unknown integration_type ${type.slice(0, 60)}; one of ${Object.keys(REQUIRED).join(", ")}`)
  }
  const event = first(b["event"])
  if (!event) return errB(400, "event is required")
  if (event.length > MAX_EVENT_NAME) return errB(400, `event must be at most ${MAX_EVENT_NAME} characters`)
  for (const field of REQUIRED[type]!) if (!first(b[field])) return errB(400, `${field} is required`)
  if (type === "Webhook") {
    const url = first(b["url"])!
    let parsed: URL | undefined
    try {
      parsed = new URL(url)
    } catch {
      parsed = undefined
    }
    if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
      return errB(400, "url must be an http or https URL")
    }
    const requestType = (first(b["requestType"]) ?? "POST").toUpperCase()
    if (!REQUEST_TYPES.includes(requestType)) return errB(400, `requestType must be one of ${REQUEST_TYPES.join(", ")}`)
    b["requestType"] = requestType
    const bodies = ["json", "form", "body"].filter((k) => b[k] !== undefined && b[k] !== null)
    if (bodies.length > 1) {
      return errB(400, `${bodies.join(", ")} are mutually exclusive: give one of json, form or body`)
    }
    for (const k of ["headers", "query", "form"]) {
      if (b[k] !== undefined && b[k] !== null && !isStringMap(b[k])) {
        return errB(400, `${k} must be an object of strings`)
      }
    }
    if (
      b["json"] !== undefined && b["json"] !== null && typeof b["json"] !== "string" &&
      (typeof b["json"] !== "object" || Array.isArray(b["json"]))
    ) {
      return errB(400, "json must be an object or a string")
    }
    if (b["body"] !== undefined && b["body"] !== null && typeof b["body"] !== "string") {
      return errB(400, "body must be a string")
    }
  }
  if (b["deviceid"] !== undefined && b["deviceID"] === undefined) b["deviceID"] = b["deviceid"]
  if (b["deviceId"] !== undefined && b["deviceID"] === undefined) b["deviceID"] = b["deviceId"]
  delete b["deviceid"]
  delete b["deviceId"]
  if (b["deviceID"] === undefined || b["deviceID"] === null || b["deviceID"] === "") delete b["deviceID"]
  const fields = { ...b, integration_type: type }
  if (Buffer.byteLength(JSON.stringify(fields)) > MAX_SETTINGS_BYTES) {
    return errB(400, `The integration's settings exceed ${MAX_SETTINGS_BYTES} bytes`)
  }
  return fields
}

/** The event `POST …/:id/test` sends through an integration. */
const testEvent = (ctx: AuthedCtx, i: IntegrationRecord): SimEvent => ({
  name: typeof i.fields["event"] === "string" ? i.fields["event"] : "test-event",
  data: "test-event",
  ttl: 60,
  published_at: nowIso(),
  coreid: ctx.user.id,
  device: undefined,
  productId: i.productId,
  orgId: i.orgId,
  apiUser: ctx.user.username
})

export const registerIntegrations = (r: RouteTable): void => {
  for (const base of ["/v1", "/v1/products/:product", "/v1/orgs/:org"]) {
    for (const kind of ["integrations", "webhooks"] as const) {
      const legacy = kind === "webhooks"
      const find =
        (f: (ctx: AuthedCtx, i: IntegrationRecord) => Reply | Promise<Reply>) =>
        (ctx: AuthedCtx): Reply | Promise<Reply> => {
          const s = scopeOf(ctx)
          if (isReply(s)) return s
          const i = ctx.store.integrations.get(ctx.p["id"]!)
          return i && isInScope(i, s) && (!legacy || i.fields["integration_type"] === "Webhook")
            ? f(ctx, i)
            : errB(404, "Integration not found")
        }
      r.get(`${base}/${kind}`, (ctx) => {
        const s = scopeOf(ctx)
        if (isReply(s)) return s
        return ok(
          ctx.store.integrations.inScope(s).filter((i) => !legacy || i.fields["integration_type"] === "Webhook").map((
            i
          ) => integrationJson(ctx, i))
        )
      })
      r.post(`${base}/${kind}`, (ctx) => {
        const s = scopeOf(ctx)
        if (isReply(s)) return s
        const fields = fieldsOf(ctx, legacy)
        if (isReply(fields)) return fields
        if (ctx.store.integrations.size >= MAX_INTEGRATIONS) {
          return errB(400, `The simulator holds at most ${MAX_INTEGRATIONS} integrations`)
        }
        const rec = ctx.store.integrations.create({ ...s, legacyWebhook: legacy, fields })
        const body: Record<string, unknown> = {
          ok: true,
          id: rec.id,
          name: null,
          ...fields,
          created_at: rec.created_at
        }
        if (fields["integration_type"] === "Webhook") body["hookUrl"] = `https://api.particle.io/v1/webhooks/${rec.id}`
        else body["integrationUrl"] = `https://api.particle.io/v1/integrations/${rec.id}`
        return ok(body, 201)
      })
      r.get(
        `${base}/${kind}/:id`,
        find((ctx, i) => ok(legacy ? integrationJson(ctx, i, true) : { integration: integrationJson(ctx, i, true) }))
      )
      r.put(
        `${base}/${kind}/:id`,
        find((ctx, i) => {
          const fields = fieldsOf(ctx, legacy)
          if (isReply(fields)) return fields
          i.fields = fields
          return ok({ integration: integrationJson(ctx, i) })
        })
      )
      r.post(`${base}/${kind}/:id/test`, find(async (ctx, i) => ok(await testWebhook(ctx.store, i, testEvent(ctx, i)))))
      r.del(
        `${base}/${kind}/:id`,
        find((ctx, i) => {
          ctx.store.integrations.remove(i.id)
          return legacy ? ok({ ok: true }) : noContent()
        })
      )
    }
  }
}

/** Every published event may trigger webhook deliveries. */
export const onIntegrationEvent = (sim: Services, event: SimEvent): void => onWebhookEvent(sim, event)
