/** SIMs family: list (user, product), get / HEAD, data usage, status, activate / deactivate, import, release. */
import { asInt, asStringList, first, nowIso } from "../coerce.js"
import type { AuthedCtx, AuthedHandler, RouteTable } from "../context.js"
import { randomToken } from "../ids.js"
import { errB, noContent, ok, type Reply } from "../reply.js"
import type { Store } from "../store/index.js"
import type { SimRecord } from "../store/types.js"
import { isReply, pageMeta, pageParams, qp, resolveProduct, withProduct } from "./shared.js"

const simJson = (s: Store, sim: SimRecord): Record<string, unknown> => ({
  _id: sim.iccid, iccid: sim.iccid, activations_count: 1, base_country_code: "US", base_monthly_rate: 299, deactivations_count: 0,
  first_activated_on: sim.activatedOn, last_activated_on: sim.activatedOn, activated_on: sim.activatedOn, last_activated_via: "user_setup",
  last_status_change_action: sim.status === "active" ? "activate" : "deactivate", last_status_change_action_error: "no",
  mb_limit: sim.mbLimit, msisdn: "3459" + sim.iccid.slice(-11), overage_monthly_rate: 99, status: sim.status, stripe_plan_slug: "sim-plan",
  updated_at: sim.activatedOn, user_id: sim.owner !== undefined ? s.users.get(sim.owner)?.id ?? null : null,
  product_id: sim.productId ?? null, carrier: sim.carrier,
  last_device_id: sim.deviceId ?? null, last_device_name: sim.deviceName ?? null, device_id: sim.deviceId ?? null, device_name: sim.deviceName ?? null,
  owner: sim.owner ?? null
})

const usageByDay = () => {
  const out: Array<{ date: string; mbs_used: number; mbs_used_cumulative: number }> = []
  let cum = 0
  for (let i = 2; i >= 0; i--) {
    const day = new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10)
    cum = Math.round((cum + 0.98) * 100) / 100
    out.push({ date: day, mbs_used: 0.98, mbs_used_cumulative: cum })
  }
  return out
}

const notFound = (): Reply => errB(404, "SIM card not found")

/** The SIM of `:iccid` as the caller may see it: its own, or one of a product it is on the team of. */
const withSim = (f: (ctx: AuthedCtx, s: SimRecord) => Reply): AuthedHandler => (ctx) => {
  const iccid = ctx.p["iccid"]!
  if (ctx.p["product"] !== undefined) {
    const p = resolveProduct(ctx, ctx.p["product"])
    if (isReply(p)) return p
    const s = ctx.store.sims.get(iccid)
    return s && s.productId === p.id ? f(ctx, s) : notFound()
  }
  const sim = ctx.store.sims.get(iccid)
  if (!sim) return notFound()
  const u = ctx.user.username
  if (sim.owner === u) return f(ctx, sim)
  const p = sim.productId !== undefined ? ctx.store.products.get(sim.productId) : undefined
  if (p && ctx.store.isTeamMember(p, u)) return f(ctx, sim)
  return { status: 403, json: { ok: false, error: "Permission Denied" } }
}

const simAction = (ctx: AuthedCtx, s: SimRecord): Reply => {
  const action = first(ctx.body["action"])
  if (action === "activate") {
    if (s.productId !== undefined) return errB(400, "Product SIM cards cannot be activated with this endpoint")
    s.status = "active"
  } else if (action === "deactivate") s.status = "inactive"
  else if (action === "reactivate") s.status = "active"
  else if (ctx.body["mb_limit"] !== undefined) s.mbLimit = asInt(ctx.body["mb_limit"]) ?? null
  else return errB(400, "action must be activate, deactivate or reactivate")
  return ok({ ok: true, sim: simJson(ctx.store, s) })
}

export const registerSims = (r: RouteTable): void => {
  r.get("/v1/sims", (ctx) => ok({ sims: ctx.store.sims.ofUser(ctx.user.username).map((s) => simJson(ctx.store, s)) }))
  r.get("/v1/products/:product/sims", withProduct((ctx, p) => {
    const { page, perPage } = pageParams(ctx, 25, 1000)
    const iccid = qp(ctx, "iccid")
    const dId = qp(ctx, "deviceId", "device_id")
    const dName = qp(ctx, "deviceName", "device_name")
    const all = ctx.store.sims.ofProduct(p.id).filter((s) =>
      (iccid === undefined || s.iccid.includes(iccid)) && (dId === undefined || (s.deviceId ?? "").includes(dId)) && (dName === undefined || (s.deviceName ?? "").includes(dName)))
    const slice = all.slice((page - 1) * perPage, page * perPage)
    return ok({ sims: slice.map((s) => simJson(ctx.store, s)), meta: pageMeta(page, perPage, all.length) })
  }))
  r.post("/v1/products/:product/sims", withProduct((ctx, p) => {
    let iccids = asStringList(ctx.body["sims"]) ?? []
    const file = ctx.parts?.find((x) => x.filename !== undefined)
    if (file) iccids = Buffer.from(file.data).toString("utf8").split(/[\s,]+/).filter((x) => x.length > 0)
    if (iccids.length === 0) return errB(400, "sims is required")
    const bad = iccids.find((i) => !/^\d{19,20}$/.test(i))
    if (bad !== undefined) return errB(400, `Invalid ICCID: ${bad}`)
    for (const iccid of iccids) {
      ctx.store.sims.put({ iccid, owner: ctx.user.username, productId: p.id, status: "active", deviceId: undefined, deviceName: undefined, activatedOn: nowIso(), mbLimit: null, carrier: "telefonica" })
    }
    return ok({ ok: true })
  }))
  r.get("/v1/products/:product/sims/data_usage", withProduct((ctx, p) => {
    const n = ctx.store.sims.ofProduct(p.id).filter((s) => s.status === "active").length
    const days = usageByDay()
    return ok({ total_mbs_used: days[days.length - 1]!.mbs_used_cumulative * n, total_active_sim_cards: n, usage_by_day: days })
  }))
  for (const base of ["/v1/sims/:iccid", "/v1/products/:product/sims/:iccid"]) {
    r.head(base, withSim(() => noContent()))
    r.get(base, withSim((ctx, s) => ok({ sim: simJson(ctx.store, s) })))
    r.get(`${base}/data_usage`, withSim((_ctx, s) => ok({ iccid: s.iccid, usage_by_day: usageByDay() })))
    r.get(`${base}/status`, withSim(() => ok({
      ok: true,
      meta: { created_at: nowIso(), expires_at: new Date(Date.now() + 600_000).toISOString(), check_again_after: new Date(Date.now() + 10_000).toISOString(), state: "complete", method: "async", task_id: randomToken().slice(0, 8) },
      sim_status: { connected: true, gsm_connection: true, data_connection: true }
    }, 202)))
    r.put(base, withSim(simAction))
    r.del(base, withSim((ctx, s) => {
      ctx.store.sims.remove(s.iccid)
      return noContent()
    }))
  }
}
