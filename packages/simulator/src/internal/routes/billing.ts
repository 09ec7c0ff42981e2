/**
 * Service agreements family (JSON:API-like `{data}` envelopes): a user's or an org's service agreements with
 * their current usage summary (counted from the simulated fleet), usage reports (create 202 `pending`,
 * `available` with a download link when read) and notifications.
 */
import type { AuthedCtx, RouteTable } from "../context.js"
import { ok, type Reply } from "../reply.js"
import type { ServiceAgreementRecord, UsageReportRecord } from "../store/billing.js"
import type { Store } from "../store/index.js"
import type { DeviceRecord } from "../store/types.js"
import { isReply, notFound, validationError } from "./namespaces.js"
import { resolveOrg } from "./shared.js"

/** Usage-report timestamps, as the service writes them: `2022-01-18 13:43:23 +0000`. */
const reportTime = (ms: number): string => new Date(ms).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " +0000")
const DATE = /^\d{4}-\d{2}-\d{2}$/

interface Owner {
  readonly type: ServiceAgreementRecord["ownerType"]
  readonly id: string
  readonly devices: () => Array<DeviceRecord>
}

const ownerOf = (ctx: AuthedCtx): Owner | Reply => {
  if (ctx.p["org"] === undefined) {
    return { type: "user", id: ctx.user.id, devices: () => ctx.store.devices.ownedBy(ctx.user.username) }
  }
  const org = resolveOrg(ctx)
  if (isReply(org)) return org
  return {
    type: "organization",
    id: org.id,
    devices: () =>
      ctx.store.products.all().filter((p) => p.orgId === org.id).flatMap((p) => ctx.store.devices.inProduct(p.id))
  }
}

const usage = (devices: Array<DeviceRecord>) => ({
  owned_devices: devices.length,
  billable_devices: devices.length,
  device_data: 0,
  device_messages: 0
})

const agreementJson = (a: ServiceAgreementRecord, owner: Owner) => {
  const devices = owner.devices()
  const wifi = devices.filter((d) => !d.cellular)
  const cellular = devices.filter((d) => d.cellular)
  const maxDevices = Number(
    (a.attributes["pricing_terms"] as { device?: { max_devices?: unknown } } | undefined)?.device?.max_devices ??
      Infinity
  )
  return {
    id: a.id,
    type: "service_agreement",
    attributes: {
      ...a.attributes,
      current_usage_summary: {
        device_limit_reached: devices.length >= maxDevices,
        connectivity: {
          all: usage(devices),
          wifi: { ...usage(wifi), device_data: null },
          cellular: usage(cellular),
          asset_tracker: usage([])
        }
      }
    }
  }
}

const reportJson = (r: UsageReportRecord) => ({
  id: r.id,
  type: "usage_report",
  attributes: { ...r.attributes, state: r.state }
})

const withAgreement =
  (f: (ctx: AuthedCtx, a: ServiceAgreementRecord, owner: Owner) => Reply) => (ctx: AuthedCtx): Reply => {
    const owner = ownerOf(ctx)
    if (isReply(owner)) return owner
    const a = ctx.store.billing.agreement(ctx.p["agreementId"]!)
    return a && a.ownerType === owner.type && a.ownerId === owner.id ? f(ctx, a, owner) : notFound("Service agreement")
  }

const stringList = (v: unknown, at: string): Array<string> | Reply => {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v) || v.length > 1000 || !v.every((x) => typeof x === "string" || typeof x === "number")) {
    return validationError(at, "Must be an array of IDs")
  }
  return v.map(String)
}

const createReport = (store: Store, ctx: AuthedCtx, a: ServiceAgreementRecord): Reply => {
  const b = ctx.body
  const type = b["report_type"]
  if (type !== "devices" && type !== "products") {
    return validationError("report_type", "Must be one of devices, products")
  }
  const start = b["date_period_start"]
  const end = b["date_period_end"]
  if (typeof start !== "string" || !DATE.test(start) || Number.isNaN(Date.parse(start))) {
    return validationError("date_period_start", "Must be a date (YYYY-MM-DD)")
  }
  if (typeof end !== "string" || !DATE.test(end) || Number.isNaN(Date.parse(end))) {
    return validationError("date_period_end", "Must be a date (YYYY-MM-DD)")
  }
  if (end < start) return validationError("date_period_end", "Must not be before date_period_start")
  const devices = stringList(b["devices"], "devices")
  if (isReply(devices)) return devices
  const products = stringList(b["products"], "products")
  if (isReply(products)) return products
  const r = store.billing.addReport(a.id, {
    service_agreement_id: Number(a.id),
    date_period_start: start,
    date_period_end: end,
    created_at: reportTime(Date.now()),
    expires_at: null,
    report_type: type,
    report_params: { devices, products, recipient_list: [ctx.user.username] },
    download_url: null
  })
  if (r === "full") return validationError("report_type", "Too many usage reports for this service agreement")
  return ok({ data: reportJson(r) }, 202)
}

export const registerBilling = (r: RouteTable): void => {
  for (const base of ["/v1/user", "/v1/orgs/:org"]) {
    r.get(`${base}/service_agreements`, (ctx) => {
      const owner = ownerOf(ctx)
      if (isReply(owner)) return owner
      return ok({ data: ctx.store.billing.agreementsOf(owner.type, owner.id).map((a) => agreementJson(a, owner)) })
    })
    r.post(
      `${base}/service_agreements/:agreementId/usage_reports`,
      withAgreement((ctx, a) => createReport(ctx.store, ctx, a))
    )
    r.get(
      `${base}/service_agreements/:agreementId/notifications`,
      withAgreement((ctx, a) =>
        ok({
          data: ctx.store.billing.notificationsOf(a.id).map((n) => ({
            id: n.id,
            type: "notification",
            attributes: n.attributes
          }))
        })
      )
    )
    r.get(`${base}/usage_reports/:reportId`, (ctx) => {
      const owner = ownerOf(ctx)
      if (isReply(owner)) return owner
      const report = ctx.store.billing.report(ctx.p["reportId"]!)
      const a = report ? ctx.store.billing.agreement(report.agreementId) : undefined
      if (!report || !a || a.ownerType !== owner.type || a.ownerId !== owner.id) return notFound("Usage report")
      if (report.state === "pending") {
        // processed "asynchronously": ready by the time anyone reads it
        report.state = "available"
        report.attributes["expires_at"] = reportTime(Date.now() + 7 * 86_400_000)
        report.attributes["download_url"] = `https://usage-reports.particle.invalid/${a.id}/${report.id}.csv`
      }
      return ok({ data: reportJson(report) })
    })
  }
}
