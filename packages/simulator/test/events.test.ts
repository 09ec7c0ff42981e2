import * as net from "node:net"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, openStream, type Sim, until } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start({ keepAliveIntervalMs: 50 })
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const EVENT_RE = /event: ([^\n]+)\ndata: ([^\n]+)\n\n/g
const events = (t: string) => [...t.matchAll(EVENT_RE)].map((m) => ({ name: m[1]!, data: JSON.parse(m[2]!) }))

describe("SSE framing", () => {
  it("writes :ok first, then event:/data: frames with the exact JSON keys", async () => {
    const s = await openStream(sim, "/v1/devices/events")
    expect(s.status).toBe(200)
    expect(s.headers["content-type"]).toBe("text/event-stream")
    expect(s.headers["cache-control"]).toBe("no-cache")
    await s.waitFor((t) => t.length >= 5)
    expect(s.text().startsWith(":ok\n\n")).toBe(true)
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "temperature", data: "25.34" })
    const t = await s.waitFor((x) => x.includes("event: temperature"))
    const frame = /event: temperature\ndata: (\{[^\n]*\})\n\n/.exec(t)!
    const data = JSON.parse(frame[1]!)
    expect(Object.keys(data)).toEqual(["data", "ttl", "published_at", "coreid"])
    expect(data).toMatchObject({ data: "25.34", ttl: 60, coreid: sim.seed.devices.online.id })
    expect(data.published_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    s.close()
  })
  it("keep-alives are bare newlines at the configured cadence", async () => {
    const s = await openStream(sim, "/v1/devices/events")
    await s.waitFor((t) => t.startsWith(":ok\n\n\n\n"), 3000)
    expect(s.text().replace(/^:ok\n\n/, "")).toMatch(/^\n+$/)
    s.close()
  })
  it("prefix filters use startsWith on the decoded name", async () => {
    const s = await openStream(sim, "/v1/devices/events/temp%2Fin")
    const dev = sim.seed.devices.online.id
    sim.publish({ deviceId: dev, name: "temp/outside", data: "1" })
    sim.publish({ deviceId: dev, name: "temp/inside", data: "2" })
    sim.publish({ deviceId: dev, name: "temp/inside/kitchen", data: "3" })
    await s.waitFor((t) => t.includes("kitchen"))
    expect(events(s.text()).map((e) => e.name)).toEqual(["temp/inside", "temp/inside/kitchen"])
    s.close()
  })
  it("/v1/events needs a prefix; bearer errors are plain JSON before streaming", async () => {
    const r = await call(sim, "GET", "/v1/events")
    expect([r.status, r.json]).toEqual([400, { ok: false, error: "event prefix filter is required" }])
    const bad = await call(sim, "GET", "/v1/devices/events", { token: "f".repeat(40) })
    expect([bad.status, bad.json]).toEqual([401, {
      error: "invalid_token",
      error_description: "The access token provided is invalid."
    }])
    expect((await call(sim, "GET", `/v1/devices/${sim.seed.otherUser.deviceId}/events`)).status).toBe(403)
    const s = await openStream(sim, "/v1/events/t")
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "t1" })
    await s.waitFor((t) => t.includes("event: t1\ndata: {\"data\":null"))
    s.close()
  })
})

describe("SSE scopes", () => {
  it("every stream URL receives matching events and only those", async () => {
    const p = sim.seed.product
    const mine = await openStream(sim, "/v1/devices/events")
    const dev = await openStream(sim, `/v1/devices/${sim.seed.devices.cellular.name}/events`)
    const prod = await openStream(sim, `/v1/products/${p.slug}/events`)
    const prodDev = await openStream(sim, `/v1/products/${p.id}/devices/${p.deviceIds[2]}/events/fleet`)
    const org = await openStream(sim, `/v1/orgs/${sim.seed.org.slug}/events/fleet`)
    const other = await openStream(sim, "/v1/devices/events", sim.seed.otherUser.accessToken)
    await until(() => sim.sseConnections() === 6)
    sim.publish({ deviceId: sim.seed.devices.cellular.id, name: "cell", data: "c" })
    sim.publish({ deviceId: p.deviceIds[2]!, name: "fleet-event", data: "f" })
    sim.publish({ deviceId: sim.seed.otherUser.deviceId, name: "other", data: "o" })
    expect(
      (await call(sim, "POST", "/v1/devices/events", { json: { name: "api-event", data: "a", private: true } })).json
    ).toEqual({ ok: true })
    expect((await call(sim, "POST", `/v1/products/${p.id}/events`, { form: { name: "fleet-api", data: "p" } })).json)
      .toEqual({ ok: true })
    await mine.waitFor((t) => t.includes("api-event"))
    await prod.waitFor((t) => t.includes("fleet-api"))
    await other.waitFor((t) => t.includes("event: other"))
    await org.waitFor((t) => t.includes("fleet-api"))
    expect(events(mine.text()).map((e) => e.name)).toEqual(["cell", "api-event"])
    expect(events(mine.text())[1]!.data.coreid).toBe(sim.seed.user.id)
    expect(events(dev.text()).map((e) => e.name)).toEqual(["cell"])
    const pe = events(prod.text())
    expect(pe.map((e) => e.name)).toEqual(["fleet-event", "fleet-api"])
    expect(pe[0]!.data).toMatchObject({ productID: p.id, coreid: p.deviceIds[2], version: 1 })
    expect(events(prodDev.text()).map((e) => e.name)).toEqual(["fleet-event"])
    expect(events(org.text()).map((e) => e.name)).toEqual(["fleet-event", "fleet-api"])
    expect(events(other.text()).map((e) => e.name)).toEqual(["other"])
    for (const s of [mine, dev, prod, prodDev, org, other]) s.close()
    await until(() => sim.sseConnections() === 0)
  })
  it("org + product + devices/events (particle-api-js's \"mine\" under an org product) streams the org product's events", async () => {
    const p = sim.seed.product
    const s = await openStream(sim, `/v1/orgs/${sim.seed.org.slug}/products/${p.id}/devices/events/fleet`)
    sim.publish({ deviceId: p.deviceIds[1]!, name: "fleet-mine", data: "m" })
    sim.publish({ deviceId: sim.seed.devices.cellular.id, name: "fleet-not-in-product", data: "x" })
    await s.waitFor((t) => t.includes("fleet-mine"))
    expect(events(s.text()).map((e) => e.name)).toEqual(["fleet-mine"])
    s.close()
    await until(() => sim.sseConnections() === 0)
  })
  it("setOnline publishes spark/status online/offline", async () => {
    const s = await openStream(sim, "/v1/devices/events/spark")
    sim.setOnline(sim.seed.devices.online.id, false)
    sim.setOnline(sim.seed.devices.online.id, true)
    await s.waitFor((t) => events(t).length === 2)
    expect(events(s.text()).map((e) => [e.name, e.data.data])).toEqual([["spark/status", "offline"], [
      "spark/status",
      "online"
    ]])
    expect((await call(sim, "GET", `/v1/devices/${sim.seed.devices.online.id}`)).json.online).toBe(true)
    s.close()
  })
  it("publish validates the name", async () => {
    expect((await call(sim, "POST", "/v1/devices/events", { json: { data: "x" } })).status).toBe(400)
  })
})

describe("SSE connection accounting and faults", () => {
  it("counts connections and decrements when clients abort, including raw sockets", async () => {
    const a = await openStream(sim, "/v1/devices/events")
    const b = await openStream(sim, "/v1/devices/events")
    await until(() => sim.sseConnections() === 2)
    a.close()
    await until(() => sim.sseConnections() === 1)
    const sock = net.connect(sim.port, "127.0.0.1")
    sock.write(`GET /v1/devices/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sim.accessToken}\r\n\r\n`)
    await until(() => sim.sseConnections() === 2)
    sock.destroy()
    await until(() => sim.sseConnections() === 1)
    b.close()
    await until(() => sim.sseConnections() === 0)
  })
  it("sseDrop closes the next connection after N events", async () => {
    sim.setFault({ kind: "sseDrop", afterEvents: 2 })
    const s = await openStream(sim, "/v1/devices/events")
    for (let i = 0; i < 3; i++) sim.publish({ deviceId: sim.seed.devices.online.id, name: `e${i}` })
    await s.ended
    expect(events(s.text()).map((e) => e.name)).toEqual(["e0", "e1"])
    const s2 = await openStream(sim, "/v1/devices/events")
    for (let i = 0; i < 3; i++) sim.publish({ deviceId: sim.seed.devices.online.id, name: `f${i}` })
    await s2.waitFor((t) => events(t).length === 3)
    s2.close()
  })
  it("sseSilent stops everything including keep-alives until clearFaults", async () => {
    const s = await openStream(sim, "/v1/devices/events")
    await s.waitFor((t) => t.length > 6)
    sim.setFault({ kind: "sseSilent" })
    const len = s.text().length
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "lost" })
    await new Promise((r) => setTimeout(r, 250))
    expect(s.text().length).toBe(len)
    sim.clearFaults()
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "after" })
    await s.waitFor((t) => t.includes("event: after"))
    expect(s.text()).not.toContain("lost")
    s.close()
  })
  it("ssePreload writes headers, :ok and the events in one socket write", async () => {
    sim.setFault({
      kind: "ssePreload",
      events: [{
        name: "a",
        data: "{\"data\":\"1\",\"ttl\":60,\"published_at\":\"2020-01-01T00:00:00.000Z\",\"coreid\":\"x\"}"
      }, {
        name: "b",
        data: "{\"data\":\"2\",\"ttl\":60,\"published_at\":\"2020-01-01T00:00:00.000Z\",\"coreid\":\"x\"}"
      }]
    })
    const sock = net.connect(sim.port, "127.0.0.1")
    const chunks: Array<string> = []
    sock.on("data", (c) => chunks.push(c.toString()))
    sock.write(`GET /v1/devices/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sim.accessToken}\r\n\r\n`)
    await until(() => chunks.length > 0)
    await new Promise((r) => setTimeout(r, 20))
    expect(chunks[0]).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(chunks[0]).toContain(":ok\n\nevent: a\ndata: {\"data\":\"1\"")
    expect(chunks[0]).toContain("event: b\ndata: ")
    sock.destroy()
  })
  it("publishMany respects backpressure and delivers every event", async () => {
    const s = await openStream(sim, "/v1/devices/events/bulk")
    await until(() => sim.sseConnections() === 1)
    await sim.publishMany({ deviceId: sim.seed.devices.online.id, name: "bulk", data: "x".repeat(200), count: 5000 })
    await s.waitFor(() => s.count("event: bulk\n") === 5000, 20000)
    s.close()
  })
})

describe("org publish (particle-cli 3.51 `publish --org`)", () => {
  it("POST /v1/orgs/:org/events → {ok:true}, delivered to the org's streams only", async () => {
    const org = sim.seed.org
    const orgStream = await openStream(sim, `/v1/orgs/${org.slug}/events`)
    const prefixed = await openStream(sim, `/v1/orgs/${org.id}/events/org-`)
    const mine = await openStream(sim, "/v1/devices/events")
    const product = await openStream(sim, `/v1/products/${sim.seed.product.id}/events`)
    await until(() => sim.sseConnections() === 4)
    const r = await call(sim, "POST", `/v1/orgs/${org.slug}/events`, {
      json: { name: "org-hello", data: "x", private: true }
    })
    expect([r.status, r.json]).toEqual([200, { ok: true }])
    const form = await call(sim, "POST", `/v1/orgs/${org.id}/events`, { form: { name: "other", data: "y", ttl: "30" } })
    expect(form.json).toEqual({ ok: true })
    await orgStream.waitFor((t) => t.includes("event: other\n"))
    await prefixed.waitFor((t) => t.includes("event: org-hello\n"))
    const got = events(orgStream.text())
    expect(got.map((e) => e.name)).toEqual(["org-hello", "other"])
    expect(got[0]!.data).toMatchObject({ data: "x", ttl: 60, coreid: sim.seed.user.id })
    expect(got[1]!.data).toMatchObject({ data: "y", ttl: 30 })
    expect(events(prefixed.text()).map((e) => e.name)).toEqual(["org-hello"])
    // a marker event proves the other streams were open and would have shown an org event before it
    sim.publish({ deviceId: sim.seed.product.deviceIds[0]!, name: "marker" })
    await mine.waitFor((t) => t.includes("event: marker\n"))
    await product.waitFor((t) => t.includes("event: marker\n"))
    expect(events(mine.text()).map((e) => e.name)).toEqual(["marker"])
    expect(events(product.text()).map((e) => e.name)).toEqual(["marker"])
    for (const s of [orgStream, prefixed, mine, product]) s.close()
  })
  it("org publish errors: missing name 400, unknown org 404, non-member 403, bad token 401", async () => {
    const org = sim.seed.org
    expect((await call(sim, "POST", `/v1/orgs/${org.slug}/events`, { json: {} })).status).toBe(400)
    expect((await call(sim, "POST", "/v1/orgs/no-such-org/events", { json: { name: "x" } })).status).toBe(404)
    const other = await call(sim, "POST", `/v1/orgs/${org.slug}/events`, {
      json: { name: "x" },
      token: sim.seed.otherUser.accessToken
    })
    expect(other.status).toBe(403)
    expect(
      (await call(sim, "POST", `/v1/orgs/${org.slug}/events`, { json: { name: "x" }, token: "0".repeat(40) })).status
    ).toBe(401)
  })
})
