/**
 * Fidelity suite: particle-api-js 12.0.3's SIM methods (listSIMs, getSIMDataUsage, getFleetDataUsage,
 * checkSIM, removeSIM) against the simulator, and the SIM actions it removed in 12.0.1 (activateSIM,
 * deactivateSIM, reactivateSIM, updateSIM) sent with its generic `put` / `post` exactly as 12.0.0 sent them.
 */
import { describe, expect, it } from "vitest"
import { officialSuite, rejection } from "./official.js"

const { sim, api, auth, lastRequest } = await officialSuite()

describe("particle-api-js 12.0.3 → simulator: SIMs", () => {
  it("listSIMs (user, and product with its filters as query)", async () => {
    const sims = await api.listSIMs({ auth })
    expect(sims.body.sims.map((s: any) => s.iccid)).toEqual(sim.seed.sims.user)
    expect(lastRequest().rawQuery).toBe("")
    const psims = await api.listSIMs({ product: sim.seed.product.id, iccid: "8931", page: 1, perPage: 1, auth })
    expect(lastRequest().rawQuery).toBe("iccid=8931&page=1&per_page=1")
    expect(psims.body.sims).toHaveLength(1)
    expect(psims.body.meta).toMatchObject({ total: 2, total_pages: 2 })
  })

  it("getSIMDataUsage / getFleetDataUsage", async () => {
    const usage = await api.getSIMDataUsage({ iccid: sim.seed.sims.user[0], auth })
    expect(usage.body.usage_by_day).toHaveLength(3)
    expect(usage.body.usage_by_day[0]).toMatchObject({ mbs_used: 0.98, mbs_used_cumulative: 0.98 })
    const product = await api.getSIMDataUsage({ iccid: sim.seed.sims.product[0], product: sim.seed.product.slug, auth })
    expect(lastRequest().path).toBe(`/v1/products/${sim.seed.product.slug}/sims/${sim.seed.sims.product[0]}/data_usage`)
    expect(product.body.iccid).toBe(sim.seed.sims.product[0])
    const fleet = await api.getFleetDataUsage({ product: sim.seed.product.id, auth })
    expect(fleet.body).toMatchObject({ total_active_sim_cards: 2, total_mbs_used: 5.88 })
  })

  it("checkSIM resolves on the 204 (its only success), rejects 404 / 403; removeSIM", async () => {
    const head = await api.checkSIM({ iccid: sim.seed.sims.user[0], auth })
    expect([head.statusCode, head.body]).toEqual([204, {}])
    expect(lastRequest().method).toBe("HEAD")
    expect((await rejection(api.checkSIM({ iccid: "89000000000000000000", auth }))).statusCode).toBe(404)
    expect(
      (await rejection(api.checkSIM({ iccid: sim.seed.sims.user[0], auth: sim.seed.otherUser.accessToken }))).statusCode
    ).toBe(403)
    expect((await api.removeSIM({ iccid: sim.seed.sims.user[1], auth })).statusCode).toBe(204)
    expect((await api.removeSIM({ iccid: sim.seed.sims.product[1], product: sim.seed.product.id, auth })).statusCode)
      .toBe(204)
    expect(lastRequest().path).toBe(`/v1/products/${sim.seed.product.id}/sims/${sim.seed.sims.product[1]}`)
    expect((await rejection(api.removeSIM({ iccid: sim.seed.sims.user[1], auth }))).statusCode).toBe(404)
  })

  it("the actions 12.0.1 removed: deactivate, reactivate with mb_limit, update the limit, activate (user and product)", async () => {
    const iccid = sim.seed.sims.user[0]
    // deactivateSIM: PUT { action: 'deactivate' }
    const off = await api.put({ uri: `/v1/sims/${iccid}`, data: { action: "deactivate" }, auth })
    expect(off.body.sim.status).toBe("inactive")
    // updateSIM: PUT { mb_limit }
    expect((await api.put({ uri: `/v1/sims/${iccid}`, data: { mb_limit: 3 }, auth })).body.sim.mb_limit).toBe(3)
    // reactivateSIM: PUT { mb_limit, action: 'reactivate' }
    const on = await api.put({ uri: `/v1/sims/${iccid}`, data: { mb_limit: 50, action: "reactivate" }, auth })
    expect(on.body.sim).toMatchObject({ status: "active", mb_limit: 50 })
    expect(lastRequest().json).toEqual({ mb_limit: 50, action: "reactivate" })
    // activateSIM (user): PUT { country, promoCode, action: 'activate' }
    await api.put({ uri: `/v1/sims/${iccid}`, data: { action: "deactivate" }, auth })
    expect(
      (await api.put({ uri: `/v1/sims/${iccid}`, data: { country: "US", action: "activate" }, auth })).body.sim.status
    ).toBe("active")
    // activateSIM (product): POST /v1/products/:p/sims { sims: iccids, country }
    const imported = await api.post({
      uri: `/v1/products/${sim.seed.product.id}/sims`,
      data: { sims: ["89314404000111111155"], country: "US" },
      auth
    })
    expect(imported.body).toEqual({ ok: true })
    const bad = await rejection(api.put({ uri: `/v1/sims/${iccid}`, data: { action: "explode" }, auth }))
    expect([bad.statusCode, bad.body.error]).toEqual([400, "action must be activate, deactivate or reactivate"])
  })
})
