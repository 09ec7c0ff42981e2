/**
 * SIMs family: list (user, product), get / HEAD, data usage (one SIM, a product's fleet), status, the SIM
 * actions (activate, deactivate, reactivate or unpause with a limit, set the data limit), import into a
 * product, release. The state machine and the usage live in the SIM store; usage grows with the events the
 * SIM's device publishes (`onSimEvent`).
 */
import { asStringList, first, nowIso } from "../coerce.js"
import type { AuthedCtx, AuthedHandler, RouteTable, Services } from "../context.js"
import type { SimEvent } from "../events.js"
import { randomToken } from "../ids.js"
import { errB, noContent, ok, type Reply } from "../reply.js"
import type { Store } from "../store/index.js"
import { ACTIVE, KB_PER_EVENT, MAX_SIMS, mb, PAUSED } from "../store/sims.js"
import type { SimRecord } from "../store/types.js"
import { isReply, pageMeta, pageParams, qp, resolveProduct, withProduct } from "./shared.js"

const ICCID = /^\d{19,20}$/

const simJson = (s: Store, sim: SimRecord): Record<string, unknown> => {
  const st = s.sims.state(sim)
  return {
    _id: sim.iccid,
    iccid: sim.iccid,
    activations_count: st.activations,
    base_country_code: "US",
    base_monthly_rate: 299,
    deactivations_count: st.deactivations,
    first_activated_on: sim.activatedOn,
    last_activated_on: sim.activatedOn,
    activated_on: sim.activatedOn,
    last_activated_via: "user_setup",
    last_status_change_action: st.lastAction,
    last_status_change_action_error: "no",
    last_status_change_action_on: st.lastActionOn,
    state_change_in_progress: false,
    mb_limit: sim.mbLimit,
    msisdn: "3459" + sim.iccid.slice(-11),
    overage_monthly_rate: 99,
    status: sim.status,
    stripe_plan_slug: "sim-plan",
    updated_at: st.updatedAt,
    user_id: sim.owner !== undefined ? s.users.get(sim.owner)?.id ?? null : null,
    product_id: sim.productId ?? null,
    carrier: sim.carrier,
    last_device_id: sim.deviceId ?? null,
    last_device_name: sim.deviceName ?? null,
    device_id: sim.deviceId ?? null,
    device_name: sim.deviceName ?? null,
    owner: sim.owner ?? null
  }
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
  if (sim.owner === u && sim.productId === undefined) return f(ctx, sim)
  const p = sim.productId !== undefined ? ctx.store.products.get(sim.productId) : undefined
  if (p && ctx.store.isTeamMember(p, u)) return f(ctx, sim)
  return { status: 403, json: { ok: false, error: "Permission Denied" } }
}

/** `mb_limit` of the body: absent, `null` (no limit), or a positive whole number of MB. */
const limitOf = (ctx: AuthedCtx): { given: false } | { given: true; value: number | null } | Reply => {
  if (!Object.hasOwn(ctx.body, "mb_limit")) return { given: false }
  const raw = ctx.body["mb_limit"]
  if (raw === null) return { given: true, value: null }
  const text = first(raw)
  const n = text === undefined ? Number.NaN : Number(text)
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    return errB(400, "mb_limit must be a whole number of MB, at least 1")
  }
  return { given: true, value: n }
}

const simAction = (ctx: AuthedCtx, s: SimRecord): Reply => {
  const sims = ctx.store.sims
  const action = first(ctx.body["action"])
  const limit = limitOf(ctx)
  if (isReply(limit)) return limit
  switch (action) {
    case "activate":
      if (s.productId !== undefined) return errB(400, "Product SIM cards cannot be activated with this endpoint")
      if (s.status === PAUSED) {
        return errB(400, "This SIM card is paused at its data limit: reactivate it with a higher mb_limit")
      }
      sims.activate(s)
      break
    case "deactivate":
      sims.deactivate(s)
      break
    case "reactivate": {
      // unpausing needs a limit above what the SIM used (or no limit at all)
      const effective = limit.given ? limit.value : s.mbLimit
      if (effective !== null && sims.usedKb(s) > effective * 1000) {
        return errB(
          400,
          `This SIM card used ${mb(sims.usedKb(s))} MB, over its data limit: reactivate it with a higher mb_limit`
        )
      }
      if (limit.given) sims.setLimit(s, limit.value)
      sims.reactivate(s)
      break
    }
    case undefined:
      if (!limit.given) return errB(400, "action must be activate, deactivate or reactivate, or mb_limit must be set")
      sims.setLimit(s, limit.value)
      return ok({ ok: true, sim: simJson(ctx.store, s) })
    default:
      return errB(400, "action must be activate, deactivate or reactivate")
  }
  if (limit.given && action !== "reactivate") sims.setLimit(s, limit.value)
  return ok({ ok: true, sim: simJson(ctx.store, s) })
}

/** `POST /v1/products/:product/sims`: `sims` (ICCIDs) or a `file` of them; each is added to the product, active. */
const importSims = withProduct((ctx, p) => {
  let iccids = asStringList(ctx.body["sims"]) ?? []
  const file = ctx.parts?.find((x) => x.filename !== undefined)
  if (file) iccids = Buffer.from(file.data).toString("utf8").split(/[\s,]+/).filter((x) => x.length > 0)
  if (iccids.length === 0) return errB(400, "sims is required")
  if (iccids.length > 1000) return errB(400, "At most 1000 SIM cards can be imported at once")
  const bad = iccids.find((i) => !ICCID.test(i))
  if (bad !== undefined) return errB(400, `Invalid ICCID: ${bad.slice(0, 40)}`)
  const sims = ctx.store.sims
  for (const iccid of iccids) {
    const existing = sims.get(iccid)
    if (
      existing && existing.productId !== p.id &&
      !(existing.productId === undefined && existing.owner === ctx.user.username)
    ) {
      return errB(400, `SIM card ${iccid} belongs to another account or product`)
    }
  }
  if (sims.size + iccids.length > MAX_SIMS) return errB(400, `The simulator holds at most ${MAX_SIMS} SIM cards`)
  for (const iccid of iccids) {
    const existing = sims.get(iccid)
    if (existing) {
      existing.productId = p.id
      sims.activate(existing)
    } else {
      sims.put({
        iccid,
        owner: ctx.user.username,
        productId: p.id,
        status: ACTIVE,
        deviceId: undefined,
        deviceName: undefined,
        activatedOn: nowIso(),
        mbLimit: null,
        carrier: "telefonica"
      }, { history: false })
    }
  }
  return ok({ ok: true })
})

export const registerSims = (r: RouteTable): void => {
  r.get("/v1/sims", (ctx) => ok({ sims: ctx.store.sims.ofUser(ctx.user.username).map((s) => simJson(ctx.store, s)) }))
  r.get(
    "/v1/products/:product/sims",
    withProduct((ctx, p) => {
      const { page, perPage } = pageParams(ctx, 25, 1000)
      const iccid = qp(ctx, "iccid")
      const dId = qp(ctx, "deviceId", "device_id")
      const dName = qp(ctx, "deviceName", "device_name")
      const all = ctx.store.sims.ofProduct(p.id).filter((s) =>
        (iccid === undefined || s.iccid.includes(iccid)) && (dId === undefined || (s.deviceId ?? "").includes(dId)) &&
        (dName === undefined || (s.deviceName ?? "").includes(dName))
      )
      const slice = all.slice((page - 1) * perPage, page * perPage)
      return ok({ sims: slice.map((s) => simJson(ctx.store, s)), meta: pageMeta(page, perPage, all.length) })
    })
  )
  r.post("/v1/products/:product/sims", importSims)
  r.get(
    "/v1/products/:product/sims/data_usage",
    withProduct((ctx, p) => {
      const sims = ctx.store.sims
      const fleet = sims.ofProduct(p.id)
      const byDay = new Map<string, number>()
      let total = 0
      for (const s of fleet) {
        for (const [date, kb] of sims.state(s).usage) byDay.set(date, (byDay.get(date) ?? 0) + kb)
        total += sims.usedKb(s)
      }
      let cumulative = 0
      const usage_by_day = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, kb]) => {
        cumulative += kb
        return { date, mbs_used: mb(kb), mbs_used_cumulative: mb(cumulative) }
      })
      return ok({
        total_mbs_used: mb(total),
        total_active_sim_cards: fleet.filter((s) => s.status === ACTIVE).length,
        usage_by_day
      })
    })
  )
  for (const base of ["/v1/sims/:iccid", "/v1/products/:product/sims/:iccid"]) {
    r.head(base, withSim(() => noContent()))
    r.get(base, withSim((ctx, s) => ok({ sim: simJson(ctx.store, s) })))
    r.get(
      `${base}/data_usage`,
      withSim((ctx, s) => {
        const used = mb(ctx.store.sims.usedKb(s))
        return ok({ iccid: s.iccid, usage_by_day: ctx.store.sims.usageByDay(s), used, quota: s.mbLimit })
      })
    )
    r.get(
      `${base}/status`,
      withSim(() =>
        ok({
          ok: true,
          meta: {
            created_at: nowIso(),
            expires_at: new Date(Date.now() + 600_000).toISOString(),
            check_again_after: new Date(Date.now() + 10_000).toISOString(),
            state: "complete",
            method: "async",
            task_id: randomToken().slice(0, 8)
          },
          sim_status: { connected: true, gsm_connection: true, data_connection: true }
        }, 202)
      )
    )
    r.put(base, withSim(simAction))
    r.del(
      base,
      withSim((ctx, s) => {
        ctx.store.sims.remove(s.iccid)
        return noContent()
      })
    )
  }
}

/** Data usage grows with every event the SIM's device publishes (cloud-generated events excluded). */
export const onSimEvent = (sim: Services, event: SimEvent): void => {
  const device = event.device
  if (device === undefined || device.iccid === undefined || event.coreid !== device.id) return
  const s = sim.store.sims.get(device.iccid)
  if (s !== undefined && s.deviceId === device.id) sim.store.sims.consume(s, KB_PER_EVENT)
}
