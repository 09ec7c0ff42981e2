/** Integrations family: integrations and legacy webhooks, user / product / org scope. */
import { first } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { errB, noContent, ok, type Reply } from "../reply.js"
import { isInScope, type IntegrationScope } from "../store/integrations.js"
import type { IntegrationRecord } from "../store/types.js"
import { isReply, resolveOrg, resolveProduct } from "./shared.js"

const TYPES = ["Webhook", "AzureIotHub", "GoogleCloudPubSub", "GoogleMaps", "GoogleSheets"]

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

const integrationJson = (i: IntegrationRecord, withLogs = false) => {
  const out: Record<string, unknown> = { id: i.id, ...i.fields, created_at: i.created_at }
  if (withLogs) out["logs"] = []
  return out
}

/** The stored settings of a create / replace request (a full replacement, never a merge). */
const fieldsOf = (ctx: AuthedCtx, legacy: boolean): Record<string, unknown> | Reply => {
  const b: Record<string, unknown> = { ...ctx.body }
  delete b["access_token"]
  const type = legacy ? "Webhook" : (first(b["integration_type"]) ?? "Webhook")
  if (!TYPES.includes(type)) return errB(400, `Unknown integration_type ${type}`)
  if (!first(b["event"])) return errB(400, "event is required")
  if (type === "Webhook") {
    const url = first(b["url"])
    if (!url) return errB(400, "url is required")
    if (!/^https?:\/\//.test(url)) return errB(400, "url must be an http or https URL")
    b["requestType"] = (first(b["requestType"]) ?? "POST").toUpperCase()
  }
  if (b["deviceid"] !== undefined && b["deviceID"] === undefined) b["deviceID"] = b["deviceid"]
  if (b["deviceId"] !== undefined && b["deviceID"] === undefined) b["deviceID"] = b["deviceId"]
  delete b["deviceid"]
  delete b["deviceId"]
  return { ...b, integration_type: type }
}

export const registerIntegrations = (r: RouteTable): void => {
  for (const base of ["/v1", "/v1/products/:product", "/v1/orgs/:org"]) {
    for (const kind of ["integrations", "webhooks"] as const) {
      const legacy = kind === "webhooks"
      const find = (f: (ctx: AuthedCtx, i: IntegrationRecord) => Reply) => (ctx: AuthedCtx): Reply => {
        const s = scopeOf(ctx)
        if (isReply(s)) return s
        const i = ctx.store.integrations.get(ctx.p["id"]!)
        return i && isInScope(i, s) ? f(ctx, i) : errB(404, "Integration not found")
      }
      r.get(`${base}/${kind}`, (ctx) => {
        const s = scopeOf(ctx)
        if (isReply(s)) return s
        return ok(ctx.store.integrations.inScope(s).filter((i) => !legacy || i.fields["integration_type"] === "Webhook").map((i) => integrationJson(i)))
      })
      r.post(`${base}/${kind}`, (ctx) => {
        const s = scopeOf(ctx)
        if (isReply(s)) return s
        const fields = fieldsOf(ctx, legacy)
        if (isReply(fields)) return fields
        const rec = ctx.store.integrations.create({ ...s, legacyWebhook: legacy, fields })
        const body: Record<string, unknown> = { ok: true, id: rec.id, ...fields, created_at: rec.created_at }
        if (fields["integration_type"] === "Webhook") body["hookUrl"] = `https://api.particle.io/v1/webhooks/${rec.id}`
        else body["integrationUrl"] = `https://api.particle.io/v1/integrations/${rec.id}`
        return ok(body, 201)
      })
      r.get(`${base}/${kind}/:id`, find((_ctx, i) => ok(legacy ? integrationJson(i, true) : { integration: integrationJson(i, true) })))
      r.put(`${base}/${kind}/:id`, find((ctx, i) => {
        const fields = fieldsOf(ctx, legacy)
        if (isReply(fields)) return fields
        i.fields = fields
        return ok({ integration: integrationJson(i) })
      }))
      r.post(`${base}/${kind}/:id/test`, find(() => ok({ pass: true, data: null })))
      r.del(`${base}/${kind}/:id`, find((ctx, i) => {
        ctx.store.integrations.remove(i.id)
        return legacy ? ok({ ok: true }) : noContent()
      }))
    }
  }
}
