import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start({ maxRecordedRequests: 5, maxRecordedBodyBytes: 16 })
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const admin = (path: string) => call(sim, "GET", `/__sim${path}`, { token: null })

describe("recorded requests are bounded", () => {
  it("keeps a ring of the newest maxRecordedRequests records, oldest first", async () => {
    for (let i = 0; i < 8; i++) await call(sim, "GET", `/v1/user?i=${i}`)
    const recs = sim.requests()
    expect(recs.map((r) => r.query["i"])).toEqual(["3", "4", "5", "6", "7"])
    expect(recs.every((r) => r.truncated === false)).toBe(true)
    const seqs = recs.map((r) => r.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(new Set(seqs).size).toBe(5)
  })

  it("truncates bodies to maxRecordedBodyBytes and marks them", async () => {
    const body = JSON.stringify({ name: "x", data: "d".repeat(200) })
    await call(sim, "POST", "/v1/devices/events", { body, headers: { "content-type": "application/json" } })
    await call(sim, "POST", "/v1/devices/events", { json: { name: "y" } })
    const [big, small] = sim.requests()
    expect(big!.body.length).toBe(16)
    expect(Buffer.from(big!.body).toString()).toBe(body.slice(0, 16))
    expect([big!.truncated, big!.bodySize]).toEqual([true, body.length])
    expect(big!.json).toBeUndefined()
    expect(small!.truncated).toBe(false)
    expect(small!.json).toEqual({ name: "y" })
    const listed = (await admin("/requests")).json
    expect(listed.map((r: any) => [r.truncated, r.bodySize])).toEqual([[true, body.length], [false, 12]])
  })

  it("GET /__sim/requests pages with page/perPage and since, and says how many it holds", async () => {
    for (let i = 0; i < 5; i++) await call(sim, "GET", `/v1/user?i=${i}`)
    const all = await admin("/requests")
    expect(all.json.map((r: any) => r.query.i)).toEqual(["0", "1", "2", "3", "4"])
    expect(all.headers.get("x-total-count")).toBe("5")
    const p2 = await admin("/requests?page=2&perPage=2")
    expect(p2.json.map((r: any) => r.query.i)).toEqual(["2", "3"])
    const p3 = await admin("/requests?page=3&per_page=2")
    expect(p3.json.map((r: any) => r.query.i)).toEqual(["4"])
    const since = await admin(`/requests?since=${all.json[2].seq}`)
    expect(since.json.map((r: any) => r.query.i)).toEqual(["3", "4"])
    expect(since.headers.get("x-last-seq")).toBe(String(all.json[4].seq))
    const sinceLimited = await admin(`/requests?since=${all.json[0].seq}&perPage=1`)
    expect(sinceLimited.json.map((r: any) => r.query.i)).toEqual(["1"])
    expect((await admin("/requests?page=0")).status).toBe(400)
    expect((await admin("/requests?perPage=100000")).status).toBe(400)
  })

  it("the default bound keeps big bodies out of memory (a 1 MiB body records 64 KiB)", async () => {
    const dflt = await Simulator.start()
    try {
      const big = Buffer.alloc(1024 * 1024, 0x61)
      await fetch(`${dflt.url}/v1/devices/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${dflt.accessToken}`, "content-type": "text/plain" },
        body: big
      })
      const [r] = dflt.requests()
      expect([r!.body.length, r!.truncated, r!.bodySize]).toEqual([64 * 1024, true, 1024 * 1024])
      const listed = await fetch(`${dflt.url}/__sim/requests`).then((x) => x.json()) as Array<any>
      expect(listed[0].bodyBase64.length).toBeLessThan(100 * 1024)
    } finally {
      await dflt.close()
    }
  })
})
