/**
 * Integrations: every kind Particle documents, unique ids (never a seeded one), user / product / org scope
 * kept apart, full replacement on PUT, the legacy webhook API, and the errors of each route.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const scopes = () => ({
  user: "/v1",
  product: `/v1/products/${sim.seed.product.id}`,
  org: `/v1/orgs/${sim.seed.org.slug}`
})

describe("integrations", () => {
  it("create answers 201 with the settings, an id, hookUrl (webhooks) or integrationUrl (other kinds)", async () => {
    const w = await call(sim, "POST", "/v1/integrations", {
      json: {
        integration_type: "Webhook",
        event: "temp",
        url: "https://example.com/in",
        requestType: "put",
        deviceid: sim.seed.devices.online.id,
        name: "mine"
      }
    })
    expect(w.status).toBe(201)
    expect(w.json).toMatchObject({
      ok: true,
      event: "temp",
      url: "https://example.com/in",
      requestType: "PUT",
      deviceID: sim.seed.devices.online.id,
      name: "mine",
      integration_type: "Webhook",
      hookUrl: `https://api.particle.io/v1/webhooks/${w.json.id}`
    })
    expect(w.json.id).toMatch(/^\d+$/)
    expect(w.json.created_at).toMatch(/Z$/)
    const kinds = [
      {
        integration_type: "AzureIotHub",
        event: "a",
        hub_name: "hub",
        policy_name: "policy",
        policy_key: "key",
        json: { v: "{{{PARTICLE_EVENT_VALUE}}}" }
      },
      { integration_type: "GoogleCloudPubSub", event: "g", topic: "projects/p/topics/t" },
      { integration_type: "GoogleMaps", event: "m", api_key: "k" }
    ]
    for (const json of kinds) {
      const r = await call(sim, "POST", "/v1/integrations", { json })
      expect(r.status).toBe(201)
      expect(r.json).toMatchObject({
        ...json,
        ok: true,
        integrationUrl: `https://api.particle.io/v1/integrations/${r.json.id}`
      })
    }
    const list = (await call(sim, "GET", "/v1/integrations")).json
    expect(list.map((i: any) => i.integration_type).sort()).toEqual([
      "AzureIotHub",
      "GoogleCloudPubSub",
      "GoogleMaps",
      "Webhook",
      "Webhook"
    ])
    // the legacy list only has webhooks
    expect((await call(sim, "GET", "/v1/webhooks")).json.map((i: any) => i.integration_type)).toEqual([
      "Webhook",
      "Webhook"
    ])
  })

  it("ids are unique and never a seeded one, also after many creates and deletes", async () => {
    const ids = new Set<string>([sim.seed.integrationId])
    for (let i = 0; i < 20; i++) {
      const r = await call(sim, "POST", "/v1/integrations", {
        json: { integration_type: "Webhook", event: `e${i}`, url: "https://example.com/x" }
      })
      expect(ids.has(r.json.id)).toBe(false)
      ids.add(r.json.id)
      if (i % 3 === 0) expect((await call(sim, "DELETE", `/v1/integrations/${r.json.id}`)).status).toBe(204)
    }
    expect((await call(sim, "GET", `/v1/integrations/${sim.seed.integrationId}`)).json.integration).toMatchObject({
      id: sim.seed.integrationId,
      event: "temperature"
    })
  })

  it("user, product and org scopes are kept apart; each answers only its own integrations", async () => {
    const s = scopes()
    const made: Record<string, string> = {}
    for (const [scope, base] of Object.entries(s)) {
      const r = await call(sim, "POST", `${base}/integrations`, {
        json: { integration_type: "Webhook", event: `${scope}-event`, url: "https://example.com/x" }
      })
      expect(r.status).toBe(201)
      made[scope] = r.json.id
    }
    for (const [scope, base] of Object.entries(s)) {
      const list = (await call(sim, "GET", `${base}/integrations`)).json.map((i: any) => i.event)
      expect(list.filter((e: string) => e.endsWith("-event"))).toEqual([`${scope}-event`])
      for (const [other, id] of Object.entries(made)) {
        const got = await call(sim, "GET", `${base}/integrations/${id}`)
        expect(got.status, `${scope} sees ${other}`).toBe(scope === other ? 200 : 404)
      }
    }
    // by slug too
    expect((await call(sim, "GET", `/v1/products/${sim.seed.product.slug}/integrations/${made["product"]}`)).status)
      .toBe(200)
  })

  it("PUT replaces the whole integration (no merge); GET shows it with its logs", async () => {
    const created = await call(sim, "POST", "/v1/integrations", {
      json: {
        integration_type: "Webhook",
        event: "e",
        url: "https://example.com/x",
        headers: { A: "1" },
        responseTopic: "t"
      }
    })
    const id = created.json.id
    const put = await call(sim, "PUT", `/v1/integrations/${id}`, {
      json: { integration_type: "Webhook", event: "e2", url: "https://example.com/y" }
    })
    expect(put.status).toBe(200)
    expect(put.json.integration).toMatchObject({ id, event: "e2", url: "https://example.com/y", requestType: "POST" })
    expect(put.json.integration.headers).toBeUndefined()
    expect(put.json.integration.responseTopic).toBeUndefined()
    const got = await call(sim, "GET", `/v1/integrations/${id}`)
    expect(got.json.integration).toMatchObject({ id, event: "e2", logs: [] })
    const badPut = await call(sim, "PUT", `/v1/integrations/${id}`, {
      json: { integration_type: "Webhook", event: "e3", url: "nope" }
    })
    expect([badPut.status, badPut.json.error]).toEqual([400, "url must be an http or https URL"])
    expect((await call(sim, "GET", `/v1/integrations/${id}`)).json.integration.event).toBe("e2")
  })

  it("errors: unknown id 404, product non-member 403, unknown product / org 404, org non-member 404", async () => {
    expect((await call(sim, "GET", "/v1/integrations/999999")).json).toEqual({
      ok: false,
      error: "Integration not found"
    })
    expect((await call(sim, "DELETE", "/v1/integrations/999999")).status).toBe(404)
    expect(
      (await call(sim, "PUT", "/v1/integrations/999999", {
        json: { integration_type: "Webhook", event: "e", url: "https://x.io" }
      })).status
    ).toBe(404)
    expect((await call(sim, "POST", "/v1/integrations/999999/test")).status).toBe(404)
    const other = sim.seed.otherUser.accessToken
    expect((await call(sim, "GET", `/v1/integrations/${sim.seed.integrationId}`, { token: other })).status).toBe(404)
    expect((await call(sim, "GET", `${scopes().product}/integrations`, { token: other })).status).toBe(403)
    expect((await call(sim, "GET", "/v1/products/999999/integrations")).status).toBe(404)
    expect((await call(sim, "GET", "/v1/orgs/no-such-org/integrations")).status).toBe(404)
    expect((await call(sim, "GET", `${scopes().org}/integrations`, { token: other })).status).toBe(404)
    expect((await call(sim, "GET", "/v1/integrations", { token: "0".repeat(40) })).status).toBe(401)
  })

  it("legacy webhooks: POST /v1/webhooks (deviceId → deviceID), list, get, DELETE answers {ok:true}", async () => {
    const w = await call(sim, "POST", "/v1/webhooks", {
      json: {
        event: "legacy",
        url: "https://example.com/l",
        deviceId: sim.seed.devices.online.id,
        requestType: "GET",
        noDefaults: true,
        rejectUnauthorized: false
      }
    })
    expect(w.status).toBe(201)
    expect(w.json).toMatchObject({
      ok: true,
      event: "legacy",
      url: "https://example.com/l",
      deviceID: sim.seed.devices.online.id,
      requestType: "GET",
      name: null,
      hookUrl: `https://api.particle.io/v1/webhooks/${w.json.id}`
    })
    expect((await call(sim, "GET", "/v1/webhooks")).json.map((h: any) => h.id)).toContain(w.json.id)
    expect((await call(sim, "GET", `/v1/webhooks/${w.json.id}`)).json).toMatchObject({
      id: w.json.id,
      event: "legacy",
      logs: []
    })
    expect((await call(sim, "DELETE", `/v1/webhooks/${w.json.id}`)).json).toEqual({ ok: true })
    expect((await call(sim, "DELETE", `/v1/webhooks/${w.json.id}`)).status).toBe(404)
    // a non-webhook integration is not a legacy webhook
    const maps = await call(sim, "POST", "/v1/integrations", {
      json: { integration_type: "GoogleMaps", event: "m", api_key: "k" }
    })
    expect((await call(sim, "GET", `/v1/webhooks/${maps.json.id}`)).status).toBe(404)
  })
})
