import { startDashboard } from "@effect-particle/dashboard"
import { Simulator } from "@effect-particle/simulator"
import { mkdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bundle, launch, serve, watch } from "../src/harness.js"
import { testPage } from "../src/index.html.js"
import type { StepResult, StreamEntry } from "../src/page.js"

type Sim = Awaited<ReturnType<typeof Simulator.start>>

// hang detectors only: nothing here depends on how fast the machine is
const LONG = 60_000

/** Where the screenshots go (not committed). */
export const outDir = fileURLToPath(new URL("../.out/", import.meta.url))

let browser: Browser
beforeAll(async () => {
  browser = await launch()
}, LONG)
afterAll(() => browser?.close())

describe("the SDK in headless Chromium, against the simulator on another origin", () => {
  let sim: Sim
  let refusing: Sim
  let site: Awaited<ReturnType<typeof serve>>
  let seen: Awaited<ReturnType<typeof watch>>
  let steps: Record<string, StepResult>
  let log: Array<StreamEntry>
  let fetches: Array<{ readonly url: string; readonly method: string; readonly headers: Array<string> }>
  let userAgent: string
  let rendered: Array<string>
  let online: string

  beforeAll(async () => {
    sim = await Simulator.start()
    // allows one origin only, which is not the page's: the browser must refuse its answers
    refusing = await Simulator.start({ cors: { origins: ["http://localhost:1"] } })
    site = await serve({
      "/": { type: "text/html; charset=utf-8", body: testPage },
      "/page.js": {
        type: "text/javascript; charset=utf-8",
        body: await bundle(fileURLToPath(new URL("../src/page.ts", import.meta.url)))
      }
    })
    online = sim.seed.devices.online.id
    sim.setVariable(online, "temperature", 21.25)
    // the event stream's first connection ends after one event, the second one at once: two reconnections,
    // the first after a healthy connection (1 s ± 20 %), the second after an unhealthy one (2 s ± 20 %)
    sim.setFault({ kind: "sseDrop", afterEvents: 1, connections: 1 })
    sim.setFault({ kind: "sseDrop", afterEvents: 0, connections: 1 })

    const page = await browser.newPage()
    seen = await watch(page)
    const query = new URLSearchParams({ api: sim.url, token: sim.accessToken, device: online, refused: refusing.url })
    await page.goto(`${site.origin}/?${query}`)

    const waitStream = (predicate: string) =>
      page.waitForFunction(`(() => { const log = window.__stream; return ${predicate} })()`, null, { timeout: LONG })
    // the first connection: one event, after which the simulator drops it; then the scripted reconnections
    await waitStream(`log.some((e) => e.tag === "Connected")`)
    sim.publish({ deviceId: online, name: "browser-test/first", data: "1" })
    await waitStream(
      `log.filter((e) => e.tag === "Reconnecting").length === 2 && log[log.length - 1].tag === "Connected"`
    )
    sim.publish({ deviceId: online, name: "browser-test/second", data: "2" })
    await waitStream(`log.some((e) => e.name === "browser-test/second")`)
    await page.waitForFunction(() => (window as any).__done === true, null, { timeout: LONG })

    steps = await page.evaluate(() => (window as any).__steps)
    log = await page.evaluate(() => (window as any).__stream)
    fetches = await page.evaluate(() => (window as any).__fetches)
    userAgent = await page.evaluate(() => navigator.userAgent)
    rendered = await page.evaluate(() => (window as any).__rendered)
    mkdirSync(outDir, { recursive: true })
    await page.screenshot({ path: `${outDir}test-page.png`, fullPage: true })
    await page.close()
  }, 4 * LONG)

  afterAll(async () => {
    await site?.close()
    await sim?.close()
    await refusing?.close()
  })

  it("lists the devices", () => {
    expect(steps.devices).toMatchObject({ ok: true })
    expect([...(steps.devices!.value as Array<string>)].sort()).toEqual(
      ["argon-offline", "boron-cellular", "fleet-1", "photon-online", "photon-slow"]
    )
  })

  it("reads a variable", () => {
    expect(steps.variable).toMatchObject({ ok: true, value: { name: "temperature", result: 21.25 } })
  })

  it("calls a function (POST, with its argument as the simulator saw it)", () => {
    expect(steps.function).toMatchObject({ ok: true, value: { id: online, return_value: 1 } })
    const call = sim.requests().find((r) => r.method === "POST" && r.path === `/v1/devices/${online}/led`)
    expect(call?.json).toEqual({ args: "on" })
  })

  it("renders a typed NotFound", async () => {
    expect(steps.notFound).toMatchObject({
      ok: false,
      error: { tag: "NotFound", isNotFound: true, status: 404, error: "Variable not found" }
    })
  })

  it("says a refused CORS origin may be the cause of a TransportError, and the refused request never left", () => {
    expect(steps.corsRefused).toMatchObject({ ok: false, error: { tag: "TransportError", reason: "Network" } })
    expect(steps.corsRefused!.error!.message).toBe(
      `Network error from GET ${refusing.url}/v1/devices: the network failed, or the API did not allow this page's origin (CORS)`
    )
    // the browser stopped at the preflight, which the simulator answered without CORS headers
    expect(seen.preflights.filter((p) => p.url.startsWith(refusing.url)).length).toBeGreaterThan(0)
    expect(refusing.requests()).toEqual([])
    // and Chromium said why, in its console
    expect(seen.console.some((m) => /blocked by CORS policy/.test(m) && m.includes(refusing.url))).toBe(true)
  })

  it("sends no User-Agent of its own: not to fetch, not in a preflight, and the simulator saw the browser's", () => {
    expect(fetches.length).toBeGreaterThanOrEqual(8)
    for (const f of fetches) expect(f.headers).not.toContain("user-agent")
    expect(seen.preflights.length).toBeGreaterThan(0)
    for (const p of seen.preflights) {
      const requested = (p.headers["Access-Control-Request-Headers"] ?? "").toLowerCase().split(",")
      expect(requested).toContain("authorization")
      expect(requested).not.toContain("user-agent")
    }
    const api = sim.requests()
    expect(api.length).toBeGreaterThanOrEqual(7)
    for (const r of api) {
      expect(r.headers["user-agent"]).toBe(userAgent)
      expect(r.headers["user-agent"]).not.toMatch(/effect-particle/)
    }
  })

  it("sends Authorization to the simulator's origin only", () => {
    const bearer = `Bearer ${sim.accessToken}`
    const apiOrigins = [sim.url, refusing.url]
    expect(seen.requests.length).toBeGreaterThanOrEqual(10)
    for (const r of seen.requests) {
      const toApi = apiOrigins.includes(new URL(r.url).origin)
      expect([r.url, r.headers.authorization]).toEqual([r.url, toApi ? bearer : undefined])
    }
    for (const r of sim.requests()) expect(r.headers.authorization).toBe(bearer)
    // the page's own server: two requests (the page and its bundle), no credentials
    expect(site.received.map((r) => r.url.split("?")[0])).toEqual(["/", "/page.js"])
    for (const r of site.received) expect(r.headers.authorization).toBeUndefined()
  })

  it("receives events, and reconnects with the documented backoff when the simulator drops the stream", () => {
    const tags = log.map((e) => e.tag)
    expect(tags).toEqual([
      "Connecting",
      "Connected",
      "Event",
      "Reconnecting",
      "Connecting",
      "Connected",
      "Reconnecting",
      "Connecting",
      "Connected",
      "Event"
    ])
    expect(log.filter((e) => e.tag === "Event").map((e) => [e.name, e.data])).toEqual([
      ["browser-test/first", "1"],
      ["browser-test/second", "2"]
    ])
    const reconnecting = log.flatMap((e, i) => (e.tag === "Reconnecting" ? [{ e, next: log[i + 1]! }] : []))
    expect(reconnecting.map(({ e }) => e.cause)).toEqual([
      `The server closed the event stream GET ${sim.url}/v1/devices/events/browser-test`,
      `The server closed the event stream GET ${sim.url}/v1/devices/events/browser-test`
    ])
    // after the healthy first connection (it delivered an event): 1 s × a jitter of 0.8–1.2; after the
    // second, which delivered nothing: doubled
    const [first, second] = reconnecting.map(({ e }) => e.delayMs!)
    expect(first).toBeGreaterThanOrEqual(800)
    expect(first).toBeLessThanOrEqual(1200)
    expect(second).toBeGreaterThanOrEqual(1600)
    expect(second).toBeLessThanOrEqual(2400)
    // and the page really waited that long before connecting again (a lower bound: timers never fire early)
    for (const { e, next } of reconnecting) {
      expect(next.tag).toBe("Connecting")
      expect(next.at - e.at).toBeGreaterThanOrEqual(e.delayMs! - 5)
    }
    // what the page showed meanwhile
    expect(rendered).toEqual([
      "Connecting",
      "Connected",
      `Reconnecting in ${(first! / 1000).toFixed(2)} s (attempt 1): ${reconnecting[0]!.e.cause}`,
      "Connecting",
      "Connected",
      `Reconnecting in ${(second! / 1000).toFixed(2)} s (attempt 2): ${reconnecting[1]!.e.cause}`,
      "Connecting",
      "Connected"
    ])
    // three connections, each preceded by its open on the wire
    expect(sim.requests().filter((r) => r.path === "/v1/devices/events/browser-test").length).toBe(3)
  })

  it("the page rendered every step and no script failed", () => {
    expect(Object.keys(steps).sort()).toEqual(["corsRefused", "devices", "function", "notFound", "variable"])
    expect(seen.pageErrors).toEqual([])
  })
})

describe("the example dashboard (examples/dashboard) in headless Chromium", () => {
  let dashboard: Awaited<ReturnType<typeof startDashboard>>
  let page: Page
  beforeAll(async () => {
    // no background activity: the test publishes what it waits for
    dashboard = await startDashboard({ activityMs: 0 })
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  }, LONG)
  afterAll(async () => {
    await page?.close()
    await dashboard?.close()
  })

  it(
    "shows the devices, reads the selected device's variables, calls a function, shows live events; screenshot",
    async () => {
      const sim = dashboard.simulator!
      const online = sim.seed.devices.online
      sim.setVariable(online.id, "temperature", 24.5)
      const seen = await watch(page)
      await page.goto(dashboard.url)

      // the devices, online ones first, one of them selected
      const rows = page.locator("#devices tbody tr")
      await rows.nth(4).waitFor({ timeout: LONG })
      expect(await rows.count()).toBe(5)
      expect(await page.locator("#devices tr.selected").count()).toBe(1)

      // a typed error on the page: an offline device's variable is a NotFound
      await page.locator("#devices tbody tr", { hasText: "argon-offline" }).click()
      const offlineVariable = page.locator(`#device tr[data-variable="temperature"] .value .error`)
      await offlineVariable.waitFor({ timeout: LONG })
      expect(await offlineVariable.getAttribute("data-tag")).toBe("NotFound")

      // the online device: its variables read
      await page.locator("#devices tbody tr", { hasText: online.name }).click()
      expect(await page.locator("#devices tr.selected").getAttribute("data-id")).toBe(online.id)
      const temperature = page.locator(`#device tr[data-variable="temperature"] .value`)
      await expect.poll(() => temperature.textContent(), { timeout: LONG }).toBe("24.5")

      // the function button
      await page.locator(`#device button[data-function="led"]`).click()
      const result = page.locator("#device .function .result").first()
      await expect.poll(() => result.textContent(), { timeout: LONG }).toBe("→ 1")
      expect(sim.requests().some((r) => r.method === "POST" && r.path === `/v1/devices/${online.id}/led`)).toBe(true)

      // live events, once the stream is connected
      await expect.poll(() => page.locator("#status").getAttribute("data-status"), { timeout: LONG }).toBe("Connected")
      sim.publish({ deviceId: online.id, name: "env", data: JSON.stringify({ temperature: 24.5, humidity: 40 }) })
      sim.publish({ deviceId: sim.seed.devices.cellular.id, name: "battery", data: "86" })
      await page.locator(`#events li[data-event="battery"]`).waitFor({ timeout: LONG })
      expect(await page.locator("#events li").count()).toBe(2)
      expect(await page.locator(`#events li[data-event="env"] strong`).textContent()).toBe(online.name)

      mkdirSync(outDir, { recursive: true })
      await page.screenshot({ path: `${outDir}dashboard.png` })
      expect(seen.pageErrors).toEqual([])
    },
    4 * LONG
  )
})
