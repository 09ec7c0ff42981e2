/**
 * The product family behaving like a fleet, over raw HTTP: releases, uploads, team, groups, configuration
 * inheritance, locations and metrics; bad input gets Particle's errors, never a 500.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, multipart, openStream, type Sim, until } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start({ keepAliveIntervalMs: 1000 })
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const P = () => `/v1/products/${sim.seed.product.id}`
const ids = () => sim.seed.product.deviceIds
const versions = async () =>
  Object.fromEntries(
    (await call(sim, "GET", `${P()}/devices`)).json.devices.map((d: any) => [d.name, d.firmware_version])
  )

/** Waits (polling, with a generous deadline) until `check` holds. */
const eventually = async (check: () => Promise<boolean>, what: string) => {
  const deadline = Date.now() + 10_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

const upload = (version: string | number, data: string | Uint8Array = "FW", name = "file") =>
  call(sim, "POST", `${P()}/firmware`, {
    body: multipart([
      { name, filename: "firmware.bin", data },
      { name: "version", data: String(version) },
      { name: "title", data: `v${version}` }
    ])
  })

describe("product firmware: uploads and releases", () => {
  it("upload: 201 with both spellings; a duplicate version is 400; the older part name binary is accepted", async () => {
    const up = await upload(3)
    expect(up.status).toBe(201)
    expect(up.json).toMatchObject({
      version: 3,
      title: "v3",
      size: 2,
      name: "firmware.bin",
      product_default: false,
      current: false,
      groups: [],
      device_count: 0
    })
    const dup = await upload(3)
    expect([dup.status, dup.json]).toEqual([400, { ok: false, error: "Version already exists" }])
    expect((await upload(4, "BIN", "binary")).status).toBe(201)
  })

  it(
    "upload: bad versions, a missing or empty file, a missing title, a file over 4 MiB: 400, nothing stored",
    async () => {
      for (const v of ["0", "-1", "1.5", "x", ""]) expect((await upload(v)).status).toBe(400)
      const noFile = await call(sim, "POST", `${P()}/firmware`, {
        body: multipart([{ name: "version", data: "5" }, { name: "title", data: "t" }])
      })
      expect(noFile.status).toBe(400)
      expect((await upload(5, new Uint8Array(0))).status).toBe(400)
      const noTitle = await call(sim, "POST", `${P()}/firmware`, {
        body: multipart([{ name: "file", filename: "firmware.bin", data: "FW" }, { name: "version", data: "5" }])
      })
      expect([noTitle.status, noTitle.json.error]).toEqual([400, "title is required"])
      const big = await upload(5, new Uint8Array(4 * 1024 * 1024 + 1))
      expect(big.status).toBe(400)
      expect(big.json.error).toMatch(/too large/)
      expect((await call(sim, "POST", `${P()}/firmware`, { json: { version: 5, title: "json" } })).status).toBe(400)
      // what one product keeps is bounded (64 MiB): after 15 uploads of 4 MiB and the seeded versions, a 16th does not fit
      const chunk = new Uint8Array(4 * 1024 * 1024)
      for (let v = 10; v < 25; v++) expect((await upload(v, chunk)).status).toBe(201)
      const full = await upload(25, chunk)
      expect([full.status, full.json.error]).toEqual([400, expect.stringMatching(/holds as much firmware/)])
      for (let v = 10; v < 25; v++) expect((await call(sim, "DELETE", `${P()}/firmware/${v}`)).status).toBe(204)
      expect((await call(sim, "GET", `${P()}/firmware`)).json.map((f: any) => f.version)).toEqual([1, 2])
    },
    30_000
  )

  it("release as product default: online devices flash and reconnect with the version; offline ones keep theirs", async () => {
    const raw = await openStream(sim, `${P()}/events/spark`)
    await until(() => sim.sseConnections() === 1)
    const rel = await call(sim, "PUT", `${P()}/firmware/release`, { json: { version: 2, product_default: true } })
    expect(rel.status).toBe(200)
    expect(rel.json).toMatchObject({ version: 2, product_default: true, intelligent: false })
    await raw.waitFor((t) => (t.match(/"data":"online"/g) ?? []).length === 3)
    raw.close()
    expect(await versions()).toEqual({ "fleet-1": 2, "fleet-2": 1, "fleet-3": 2, "fleet-4": 1, "fleet-5": 2 })
    // the product stream carries the new version on the devices' events
    expect(raw.text()).toMatch(/event: spark\/status\ndata: \{"data":"online",[^\n]*"version":2/)
    expect(raw.text()).toContain("event: spark/flash/status")
    const fw = (await call(sim, "GET", `${P()}/firmware`)).json
    expect(fw.map((f: any) => [f.version, f.product_default, f.device_count])).toEqual([[1, false, 2], [2, true, 3]])
  })

  it("release to groups: absolute, the group's target; group beats default; a lock and development devices are left alone", async () => {
    await call(sim, "PUT", `${P()}/devices/${ids()[0]}`, { json: { development: true } })
    await call(sim, "PUT", `${P()}/devices/${ids()[4]}`, { json: { groups: ["asia"] } })
    await call(sim, "PUT", `${P()}/devices/${ids()[2]}`, { json: { desired_firmware_version: 1 } })
    expect((await upload(3)).status).toBe(201)
    const rel = await call(sim, "PUT", `${P()}/firmware/release`, { json: { version: 3, groups: ["asia", "europe"] } })
    expect(rel.json.groups).toEqual(["asia", "europe"])
    // fleet-5 (now asia) updates; in the same rollout fleet-1 (development) and fleet-3 (locked to 1) do not
    await eventually(async () => (await versions())["fleet-5"] === 3, "fleet-5 to run 3")
    expect(await versions()).toMatchObject({ "fleet-1": 1, "fleet-3": 1, "fleet-5": 3 })
    const groups = (await call(sim, "GET", `${P()}/groups`)).json.groups
    expect(groups.map((g: any) => [g.name, g.fw_version])).toEqual([["europe", 3], ["asia", 3], ["beta", null]])
    // a later default release does not override a group's target: no device starts an update (an update's
    // "started" is published before the release answers, so it would precede the marker event)
    const raw = await openStream(sim, `${P()}/events`)
    await until(() => sim.sseConnections() === 1)
    await call(sim, "PUT", `${P()}/firmware/release`, { json: { version: 2, product_default: true } })
    await call(sim, "POST", `${P()}/events`, { json: { name: "marker" } })
    await raw.waitFor((t) => t.includes("event: marker"))
    raw.close()
    expect(raw.text()).not.toContain("spark/flash/status")
    expect((await versions())["fleet-5"]).toBe(3)
    // releasing 3 to asia only takes europe's release away
    await call(sim, "PUT", `${P()}/firmware/release`, { json: { version: 3, groups: ["asia"] } })
    expect((await call(sim, "GET", `${P()}/groups/europe`)).json.group.fw_version).toBe(null)
    // released firmware cannot be deleted
    expect((await call(sim, "DELETE", `${P()}/firmware/3`)).status).toBe(400)
  })

  it("release errors: unknown version or group 404, no target 400, bad booleans 400", async () => {
    expect((await call(sim, "PUT", `${P()}/firmware/release`, { json: { version: 9, product_default: true } })).status)
      .toBe(404)
    const g = await call(sim, "PUT", `${P()}/firmware/release`, { json: { version: 2, groups: ["mars"] } })
    expect([g.status, g.json.error]).toEqual([404, "Group not found: mars"])
    expect((await call(sim, "GET", `${P()}/groups/mars`)).status).toBe(404)
    expect((await call(sim, "PUT", `${P()}/firmware/release`, { json: { version: 2 } })).status).toBe(400)
    expect(
      (await call(sim, "PUT", `${P()}/firmware/release`, { json: { version: 2, product_default: "maybe" } })).status
    ).toBe(400)
    // form bodies with groups[] work too
    const form = await call(sim, "PUT", `${P()}/firmware/release`, {
      body: "version=2&groups[]=beta",
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
    expect(form.json.groups).toEqual(["beta"])
  })

  it("impact counts the devices whose target would change, and changes nothing", async () => {
    const imp = await call(
      sim,
      "GET",
      `${P()}/impact?action=edit_groups_for_firmware&firmware_version=2&groups=europe&product_default=false`
    )
    expect(imp.json).toEqual({ devices: { firmware_update: { total: 2, by_version: [{ version: 1, total: 2 }] } } })
    expect((await call(sim, "GET", `${P()}/groups/europe`)).json.group.fw_version).toBe(null)
    expect((await call(sim, "GET", `${P()}/impact?action=other&firmware_version=2`)).status).toBe(400)
    expect((await call(sim, "GET", `${P()}/impact?action=edit_groups_for_firmware&firmware_version=x`)).status).toBe(
      400
    )
  })
})

describe("team, groups, quarantine", () => {
  it("team: invite with a role, refuse a non-email or unknown role, remove; removing someone who is not a member is 404", async () => {
    const inv = await call(sim, "POST", `${P()}/team`, { json: { username: "ops@example.com", role: "Support" } })
    expect(inv.json).toEqual({ ok: true, invited: { username: "ops@example.com" } })
    expect(
      (await call(sim, "GET", `${P()}/team`)).json.team.find((m: any) => m.username === "ops@example.com").role.name
    ).toBe("Support")
    expect((await call(sim, "POST", `${P()}/team`, { json: { username: "not-an-email" } })).status).toBe(400)
    expect((await call(sim, "POST", `${P()}/team`, { json: { username: "x@example.com", role: "Owner" } })).status)
      .toBe(400)
    expect((await call(sim, "DELETE", `${P()}/team/ops@example.com`)).json).toEqual({ ok: true })
    const again = await call(sim, "DELETE", `${P()}/team/ops@example.com`)
    expect([again.status, again.json]).toEqual([404, { ok: false, error: "Team member not found" }])
  })

  it("groups: assigned groups show in listProductDevices and filter it; a bad color is 400; rename keeps members", async () => {
    await call(sim, "PUT", `${P()}/devices/${ids()[4]}`, { json: { groups: ["night"] } })
    const list = (await call(sim, "GET", `${P()}/devices?groups=night`)).json.devices
    expect(list.map((d: any) => [d.name, d.groups])).toEqual([["fleet-5", ["night"]]])
    expect((await call(sim, "POST", `${P()}/groups`, { json: { name: "west", color: "red" } })).status).toBe(400)
    expect((await call(sim, "PUT", `${P()}/groups/night`, { json: {} })).status).toBe(400)
    await call(sim, "PUT", `${P()}/groups/night`, { json: { name: "late" } })
    expect((await call(sim, "GET", `${P()}/devices?groups=late`)).json.devices.map((d: any) => d.name)).toEqual([
      "fleet-5"
    ])
  })

  it("quarantine: approve ({ id }) releases a quarantined device; deny removes it from the product", async () => {
    const d = sim.createDevice({ name: "q1", productId: sim.seed.product.id })
    d.quarantined = true
    expect((await call(sim, "GET", `${P()}/devices?quarantined=true`)).json.devices.map((x: any) => x.name)).toEqual([
      "q1"
    ])
    expect((await call(sim, "POST", `${P()}/devices`, { json: { id: d.id } })).status).toBe(200)
    expect((await call(sim, "GET", `${P()}/devices?quarantined=true`)).json.devices).toEqual([])
    expect((await call(sim, "DELETE", `${P()}/devices/${d.id}`, { json: { deny: true } })).status).toBe(204)
    expect((await call(sim, "GET", `${P()}/devices?deviceName=q1`)).json.devices).toEqual([])
  })
})

describe("configuration, locations, metrics", () => {
  it("configuration: a device inherits the product's until it overrides; offline changes wait as pending", async () => {
    await call(sim, "PUT", `${P()}/config`, { json: { location: { radius: 3 } } })
    const dev = (i: number) => call(sim, "GET", `${P()}/config/${ids()[i]}`)
    expect((await dev(0)).json.configuration.current.location.radius).toBe(3)
    expect((await call(sim, "PUT", `${P()}/config/${ids()[0]}`, { json: { location: { radius: 8 } } })).status).toBe(
      200
    )
    await call(sim, "PUT", `${P()}/config`, { json: { location: { radius: 4, interval_max: 600 } } })
    expect((await dev(0)).json.configuration.current.location).toMatchObject({ radius: 8, interval_max: 600 })
    expect((await dev(2)).json.configuration.current.location).toMatchObject({ radius: 4, interval_max: 600 })
    const offline = await call(sim, "PUT", `${P()}/config/${ids()[1]}`, { json: { rgb: { brightness: 10 } } })
    expect(offline.status).toBe(202)
    expect((await dev(1)).json.configuration.pending).toEqual({ rgb: { brightness: 10 } })
    sim.setOnline(ids()[1]!, true)
    expect((await dev(1)).json.configuration).toMatchObject({ current: { rgb: { brightness: 10 } }, pending: {} })
  })

  it("configuration errors: rejection 400 device_rejected_configuration, non-object bodies 400, unset product 404 {}", async () => {
    const bad = await call(sim, "PUT", `${P()}/config/${ids()[0]}`, {
      json: { location: { interval_min: 60, interval_max: 30 }, rgb: {} }
    })
    expect(bad.status).toBe(400)
    expect(bad.json).toEqual({
      error: "device_rejected_configuration",
      error_description:
        "Configuration updates failed for some sections: {location: -19}, these sections were successful: rgb"
    })
    for (const json of [[1], { location: 5 }, {}]) {
      expect((await call(sim, "PUT", `${P()}/config`, { json })).status).toBe(400)
    }
    expect((await call(sim, "DELETE", `${P()}/config`)).status).toBe(204)
    const unset = await call(sim, "GET", `${P()}/config`)
    expect([unset.status, unset.json]).toEqual([404, {}])
    const schema = await call(sim, "GET", `${P()}/config`, { headers: { accept: "application/schema+json" } })
    expect([schema.status, schema.headers.get("content-type"), schema.json.type]).toEqual([
      200,
      "application/schema+json",
      "object"
    ])
  })

  it("locations: filtered by date range and box; last known location without a range; bad ranges and boxes are 400", async () => {
    const q = (query: string) => call(sim, "GET", `${P()}/locations?${query}`)
    const all = (await q("")).json
    expect(all.locations.map((l: any) => l.device_name)).toEqual(["fleet-1", "fleet-2", "fleet-3", "fleet-4"])
    expect(all.locations.every((l: any) => l.geometry.type === "Point")).toBe(true)
    const day = (await q("date_range=2024-03-01T00:00:00Z,2024-03-01T23:59:59Z")).json
    expect(day.locations.map((l: any) => [l.device_name, l.timestamps.length])).toEqual([
      ["fleet-1", 2],
      ["fleet-2", 1],
      ["fleet-3", 1]
    ])
    const asia = (await q("rect_bl=0,100&rect_tr=40,150&date_range=2024-03-01,2024-03-05")).json
    expect(asia.locations.map((l: any) => l.device_name)).toEqual(["fleet-3", "fleet-4"])
    expect(asia.locations[0].geometry.type).toBe("LineString")
    expect(asia.meta).toEqual({ page: 1, per_page: 20, total_pages: 1, devices_found: 2 })
    for (
      const bad of [
        "date_range=yesterday",
        "date_range=2024-03-02,2024-03-01",
        "rect_bl=0,0",
        "rect_bl=50,0&rect_tr=40,10",
        "rect_bl=x,y&rect_tr=1,1"
      ]
    ) {
      const r = await q(bad)
      expect([r.status, r.json.error]).toEqual([400, "invalid_request"])
    }
    const one = await call(sim, "GET", `${P()}/locations/${ids()[0]}?date_range=2024-03-01,2024-03-03`)
    expect(one.json.location.timestamps).toHaveLength(3)
    expect(one.json.location.properties).toHaveLength(3)
  })

  it("metrics: every kind, buckets over the period, filters, bounded; bad parameters 400", async () => {
    for (const kind of ["online", "events", "integration", "functions", "variables"]) {
      const r = await call(
        sim,
        "GET",
        `${P()}/metrics/${kind}?start_date=2024-04-01T00:00:00Z&end_date=2024-04-01T01:00:00Z&bucket_size=1800`
      )
      expect(r.status).toBe(200)
      const key = kind === "integration" ? "integrations" : kind
      expect(r.json[key].map((b: any) => b.time)).toEqual([
        "2024-04-01T00:00:00.000Z",
        "2024-04-01T00:30:00.000Z",
        "2024-04-01T01:00:00.000Z"
      ])
    }
    expect((await call(sim, "GET", `${P()}/metrics/online?device_group=asia`)).json.online[0].count).toBe(1)
    for (
      const bad of [
        "bucket_size=15",
        "bucket_size=x",
        "start_date=nope",
        "start_date=2024-04-02T00:00:00Z&end_date=2024-04-01T00:00:00Z",
        "start_date=2000-01-01T00:00:00Z&bucket_size=16"
      ]
    ) {
      expect((await call(sim, "GET", `${P()}/metrics/online?${bad}`)).status).toBe(400)
    }
  })
})
