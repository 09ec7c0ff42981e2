/**
 * Fidelity suite: particle-api-js 12.0.3's webhook and integration methods (createWebhook, deleteWebhook,
 * listWebhooks, createIntegration, editIntegration, deleteIntegration, listIntegrations) against the
 * simulator, in every scope, and a webhook it creates delivered to a receiver on 127.0.0.1.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "vitest"
import { until } from "./helpers.js"
import { officialSuite, rejection } from "./official.js"

const { sim, api, auth, lastRequest } = await officialSuite()

describe("particle-api-js 12.0.3 → simulator: webhooks and integrations", () => {
  it("createWebhook sends the hook sub-object under Particle's names; listWebhooks; deleteWebhook", async () => {
    const w = await api.createWebhook({
      event: "temp",
      url: "https://example.com/x",
      device: sim.seed.devices.online.id,
      noDefaults: true,
      hook: {
        method: "PUT",
        headers: { "X-A": "1" },
        json: { v: "{{{PARTICLE_EVENT_VALUE}}}" },
        responseEvent: "resp",
        errorResponseEvent: "err"
      },
      auth
    })
    expect(w.statusCode).toBe(201)
    expect(w.body).toMatchObject({
      ok: true,
      event: "temp",
      url: "https://example.com/x",
      name: null,
      hookUrl: expect.stringContaining(w.body.id)
    })
    expect(lastRequest().json).toEqual({
      event: "temp",
      url: "https://example.com/x",
      deviceId: sim.seed.devices.online.id,
      noDefaults: true,
      requestType: "PUT",
      headers: { "X-A": "1" },
      json: { v: "{{{PARTICLE_EVENT_VALUE}}}" },
      responseTopic: "resp",
      errorResponseTopic: "err"
    })
    const hooks = await api.listWebhooks({ auth })
    expect(hooks.body.find((h: any) => h.id === w.body.id)).toMatchObject({
      event: "temp",
      requestType: "PUT",
      deviceID: sim.seed.devices.online.id
    })
    expect((await api.deleteWebhook({ hookId: w.body.id, auth })).body).toEqual({ ok: true })
    expect((await rejection(api.deleteWebhook({ hookId: w.body.id, auth }))).statusCode).toBe(404)
    const product = await api.createWebhook({
      event: "p",
      url: "https://example.com/p",
      product: sim.seed.product.id,
      auth
    })
    expect(lastRequest().path).toBe(`/v1/products/${sim.seed.product.id}/webhooks`)
    expect((await api.listWebhooks({ product: sim.seed.product.id, auth })).body.map((h: any) => h.id)).toEqual([
      product.body.id
    ])
    const bad = await rejection(api.createWebhook({ event: "x", url: "not a url", auth }))
    expect([bad.statusCode, bad.body.error]).toEqual([400, "url must be an http or https URL"])
  })

  it("createIntegration / editIntegration / listIntegrations / deleteIntegration in the user, product and org scopes", async () => {
    for (const scope of [{}, { product: sim.seed.product.id }, { org: sim.seed.org.slug }]) {
      const i = await api.createIntegration({
        event: "e",
        deviceId: sim.seed.devices.online.id,
        settings: { integration_type: "Webhook", url: "https://example.com/i", requestType: "POST" },
        ...scope,
        auth
      })
      expect([i.statusCode, i.body.ok]).toEqual([201, true])
      expect(lastRequest().json).toEqual({
        event: "e",
        deviceid: sim.seed.devices.online.id,
        integration_type: "Webhook",
        url: "https://example.com/i",
        requestType: "POST"
      })
      const edited = await api.editIntegration({
        integrationId: i.body.id,
        event: "e2",
        settings: { integration_type: "Webhook", url: "https://example.com/j" },
        ...scope,
        auth
      })
      expect(edited.body.integration).toMatchObject({ id: i.body.id, event: "e2", url: "https://example.com/j" })
      expect(lastRequest().method).toBe("PUT")
      expect((await api.listIntegrations({ ...scope, auth })).body.map((x: any) => x.id)).toContain(i.body.id)
      expect((await api.deleteIntegration({ integrationId: i.body.id, ...scope, auth })).statusCode).toBe(204)
      expect((await rejection(api.deleteIntegration({ integrationId: i.body.id, ...scope, auth }))).statusCode).toBe(
        404
      )
    }
    expect(sim.requests().some((r) => r.path === `/v1/orgs/${sim.seed.org.slug}/integrations`)).toBe(true)
    // particle-api-js 12.0.3 refuses product and org together, before any request
    sim.clearRequests()
    const both = await rejection(api.listIntegrations({ product: sim.seed.product.id, org: sim.seed.org.slug, auth }))
    expect(both.message).toBe("Specify only one of: product or org")
    expect(sim.requests()).toEqual([])
    const unknown = await rejection(
      api.createIntegration({ event: "e", settings: { integration_type: "Telepathy" }, auth })
    )
    expect(unknown.statusCode).toBe(400)
  })

  it("a webhook created by particle-api-js is delivered to a receiver on 127.0.0.1", async () => {
    const received: Array<{ url: string; body: string }> = []
    const server = http.createServer((req, res) => {
      let body = ""
      req.on("data", (c) => (body += c))
      req.on("end", () => {
        received.push({ url: req.url ?? "", body })
        res.end("thanks")
      })
    })
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
    try {
      const port = (server.address() as AddressInfo).port
      await api.createWebhook({
        event: "hello",
        url: `http://127.0.0.1:${port}/in`,
        hook: { json: { said: "{{{PARTICLE_EVENT_VALUE}}}" } },
        noDefaults: true,
        auth
      })
      const seen: Array<string> = []
      const stream = await api.getEventStream({ deviceId: "mine", name: "hook-response/hello", auth })
      stream.on("event", (e: any) => seen.push(`${e.name}=${e.data}`))
      await api.publishEvent({ name: "hello", data: "world", auth })
      await until(() => seen.length === 1, 5000)
      expect(received).toEqual([{ url: "/in", body: "{\"said\":\"world\"}" }])
      expect(seen).toEqual(["hook-response/hello/0=thanks"])
      stream.abort()
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})
