/**
 * Fidelity suite: every product method of particle-api-js 12.0.3 (§3.7 of the reference, except
 * `createCustomer`, which the auth suite drives) against the simulator, checking what the official client
 * sends and what it gets back.
 */
import { describe, expect, it } from "vitest"
import { openStream, until } from "./helpers.js"
import { officialSuite, rejection } from "./official.js"

const { sim, api, auth, lastRequest } = await officialSuite({ keepAliveIntervalMs: 500 })

describe("particle-api-js 12.0.3 → simulator: products and product firmware", () => {
  it("listProducts, getProduct", async () => {
    const p = sim.seed.product
    const list = await api.listProducts({ auth })
    expect([lastRequest().method, lastRequest().path]).toEqual(["GET", "/v1/products"])
    expect(list.body.products.map((x: any) => x.id)).toEqual([p.id])
    const one = await api.getProduct({ product: p.slug, auth })
    expect(lastRequest().path).toBe(`/v1/products/${p.slug}`)
    expect(one.body.product).toMatchObject({ id: p.id, slug: p.slug, platform_id: 13, groups: p.groups })
    const missing = await rejection(api.getProduct({ product: 999999, auth }))
    expect([missing.statusCode, missing.body.error]).toEqual([404, "Product not found"])
    const denied = await rejection(api.getProduct({ product: p.id, auth: sim.seed.otherUser.accessToken }))
    expect(denied.statusCode).toBe(403)
  })

  it("listProductFirmware, uploadProductFirmware (file part firmware.bin), getProductFirmware, updateProductFirmware, downloadProductFirmware", async () => {
    const p = sim.seed.product
    const list = await api.listProductFirmware({ product: p.id, auth })
    expect(list.body.map((f: any) => [f.version, f.current, f.uploaded_at !== undefined])).toEqual([[1, true, true], [
      2,
      false,
      true
    ]])
    const up = await api.uploadProductFirmware({
      product: p.id,
      file: Buffer.from([0, 1, 2, 255]),
      version: 3,
      title: "v3",
      description: "d",
      auth
    })
    const sent = lastRequest()
    expect(sent.multipart!.map((x) => [x.name, x.filename])).toEqual([
      ["file", "firmware.bin"],
      ["version", undefined],
      ["title", undefined],
      ["description", undefined]
    ])
    expect([up.statusCode, up.body.version, up.body.size, up.body.name]).toEqual([201, 3, 4, "firmware.bin"])
    const dup = await rejection(
      api.uploadProductFirmware({ product: p.id, file: Buffer.from("x"), version: 3, title: "again", auth })
    )
    expect([dup.statusCode, dup.body.error]).toEqual([400, "Version already exists"])
    expect((await api.getProductFirmware({ product: p.id, version: 3, auth })).body).toMatchObject({
      version: 3,
      title: "v3",
      description: "d"
    })
    const upd = await api.updateProductFirmware({ product: p.id, version: 3, title: "t3", description: "new", auth })
    expect([lastRequest().method, lastRequest().json]).toEqual(["PUT", { title: "t3", description: "new" }])
    expect(upd.body).toMatchObject({ title: "t3", description: "new" })
    const bin = await api.downloadProductFirmware({ product: p.id, version: 3, auth })
    expect(Array.from(Buffer.from(bin))).toEqual([0, 1, 2, 255])
    const nf = await rejection(api.getProductFirmware({ product: p.id, version: 42, auth }))
    expect([nf.statusCode, nf.body.error]).toEqual([404, "Firmware version not found"])
    expect((await rejection(api.downloadProductFirmware({ product: p.id, version: 42, auth }))).statusCode).toBe(404)
  })

  it("releaseProductFirmware: product default and groups; the fleet reports the version on the product stream", async () => {
    const p = sim.seed.product
    const raw = await openStream(sim, `/v1/products/${p.id}/events/spark%2Fstatus`)
    await until(() => sim.sseConnections() === 1)
    const rel = await api.releaseProductFirmware({
      product: p.id,
      version: 2,
      product_default: true,
      intelligent: false,
      auth
    })
    expect(lastRequest().json).toEqual({ version: 2, product_default: true, intelligent: false })
    expect(rel.body).toMatchObject({ version: 2, product_default: true, intelligent: false })
    await raw.waitFor((t) => (t.match(/"version":2/g) ?? []).length === 3)
    raw.close()
    const devices = (await api.listDevices({ product: p.id, auth })).body.devices
    expect(devices.map((d: any) => d.firmware_version)).toEqual([2, 1, 2, 1, 2])
    const groups = await api.releaseProductFirmware({ product: p.id, version: 1, groups: ["beta"], auth })
    expect(lastRequest().json).toEqual({ version: 1, groups: ["beta"] })
    expect(groups.body.groups).toEqual(["beta"])
    const unknown = await rejection(api.releaseProductFirmware({ product: p.id, version: 1, groups: ["mars"], auth }))
    expect([unknown.statusCode, unknown.body.error]).toEqual([404, "Group not found: mars"])
  })
})

describe("particle-api-js → simulator: team", () => {
  it("listTeamMembers, inviteTeamMember, removeTeamMember (404 for a non-member)", async () => {
    const p = sim.seed.product
    const team = await api.listTeamMembers({ product: p.id, auth })
    expect(team.body).toMatchObject({ ok: true, team: [{ username: sim.seed.user.username }] })
    const inv = await api.inviteTeamMember({ product: p.id, username: "friend@example.com", auth })
    expect(lastRequest().json).toEqual({ username: "friend@example.com" })
    expect(inv.body).toEqual({ ok: true, invited: { username: "friend@example.com" } })
    const twice = await rejection(api.inviteTeamMember({ product: p.id, username: "friend@example.com", auth }))
    expect(twice.statusCode).toBe(400)
    expect((await api.removeTeamMember({ product: p.id, username: "friend@example.com", auth })).body).toEqual({
      ok: true
    })
    expect(lastRequest().method).toBe("DELETE")
    const gone = await rejection(api.removeTeamMember({ product: p.id, username: "friend@example.com", auth }))
    expect([gone.statusCode, gone.body.error]).toEqual([404, "Team member not found"])
  })
})

describe("particle-api-js → simulator: configuration", () => {
  it("getProductConfiguration, getProductConfigurationSchema (accept header), setProductConfiguration (202)", async () => {
    const p = sim.seed.product
    const conf = await api.getProductConfiguration({ product: p.id, auth })
    expect(conf.body.configuration.location).toEqual({
      radius: 1,
      interval_min: 30,
      interval_max: 300,
      min_publish: false
    })
    const headers: Record<string, string> = {}
    const schema = await api.getProductConfigurationSchema({ product: p.id, auth, headers })
    expect(lastRequest().headers["accept"]).toBe("application/schema+json")
    expect(schema.body).toMatchObject({ $schema: "https://particle.io/draft-07/schema#", type: "object" })
    // particle-api-js writes the header into the caller's object (the SDK does not)
    expect(headers).toEqual({ accept: "application/schema+json" })
    const set = await api.setProductConfiguration({ product: p.id, config: { location: { radius: 5 } }, auth })
    expect([set.statusCode, lastRequest().json]).toEqual([202, { location: { radius: 5 } }])
    expect((await api.getProductConfiguration({ product: p.id, auth })).body.configuration.location.radius).toBe(5)
    const bad = await rejection(api.setProductConfiguration({ product: p.id, config: { location: 5 }, auth }))
    expect(bad.statusCode).toBe(400)
  })

  it("getProductDeviceConfiguration, getProductDeviceConfigurationSchema, setProductDeviceConfiguration (200 online, 202 offline, 400 rejected)", async () => {
    const p = sim.seed.product
    const [online, offline] = p.deviceIds
    await api.setProductConfiguration({ product: p.id, config: { location: { radius: 5 } }, auth })
    const inherited = await api.getProductDeviceConfiguration({ product: p.id, deviceId: online, auth })
    expect(inherited.body.configuration.current.location.radius).toBe(5)
    const schema = await api.getProductDeviceConfigurationSchema({ product: p.id, deviceId: online, auth })
    expect([lastRequest().headers["accept"], schema.body.type]).toEqual(["application/schema+json", "object"])
    const applied = await api.setProductDeviceConfiguration({
      product: p.id,
      deviceId: online,
      config: { location: { radius: 9 } },
      auth
    })
    expect(applied.statusCode).toBe(200)
    expect(
      (await api.getProductDeviceConfiguration({ product: p.id, deviceId: online, auth })).body.configuration.current
        .location.radius
    ).toBe(9)
    const pending = await api.setProductDeviceConfiguration({
      product: p.id,
      deviceId: offline,
      config: { rgb: { brightness: 1 } },
      auth
    })
    expect(pending.statusCode).toBe(202)
    expect(
      (await api.getProductDeviceConfiguration({ product: p.id, deviceId: offline, auth })).body.configuration.pending
    ).toEqual({ rgb: { brightness: 1 } })
    const rejected = await rejection(
      api.setProductDeviceConfiguration({ product: p.id, deviceId: online, config: { location: { radius: -1 } }, auth })
    )
    expect([rejected.statusCode, rejected.body.error]).toEqual([400, "device_rejected_configuration"])
    expect(rejected.shortErrorDescription).toMatch(/^Configuration updates failed for some sections: \{location: -19\}/)
    const notInProduct = await rejection(
      api.getProductDeviceConfiguration({ product: p.id, deviceId: "0123456789abcdef01234567", auth })
    )
    expect(notInProduct.statusCode).toBe(404)
  })
})

describe("particle-api-js → simulator: locations", () => {
  it("getProductLocations: groups as groups[0]=…, filtered by date range and box, paged", async () => {
    const p = sim.seed.product
    const res = await api.getProductLocations({
      product: p.id,
      dateRange: "2024-03-01T00:00:00Z,2024-03-01T23:59:59Z",
      rectBl: "45,0",
      rectTr: "49,10",
      groups: ["europe"],
      page: 1,
      perPage: 10,
      auth
    })
    expect(lastRequest().rawQuery).toBe(
      "date_range=2024-03-01T00%3A00%3A00Z%2C2024-03-01T23%3A59%3A59Z&rect_bl=45%2C0&rect_tr=49%2C10&groups%5B0%5D=europe&page=1&per_page=10"
    )
    expect(res.body.locations.map((l: any) => [l.device_name, l.geometry.type])).toEqual([["fleet-1", "LineString"], [
      "fleet-2",
      "Point"
    ]])
    expect(res.body.meta).toEqual({ page: 1, per_page: 10, total_pages: 1, devices_found: 2 })
    const asia = await api.getProductLocations({ product: p.id, groups: ["asia"], page: 1, perPage: 1, auth })
    expect(asia.body.meta).toMatchObject({ page: 1, total_pages: 2, devices_found: 2 })
    const bad = await rejection(api.getProductLocations({ product: p.id, dateRange: "last week", auth }))
    expect([bad.statusCode, bad.body.error]).toEqual([400, "invalid_request"])
  })

  it("getProductDeviceLocations: last known location, or the track in a range and box", async () => {
    const p = sim.seed.product
    const last = await api.getProductDeviceLocations({ product: p.id, deviceId: p.deviceIds[0], auth })
    expect(lastRequest().rawQuery).toBe("")
    expect(last.body.location).toMatchObject({
      device_id: p.deviceIds[0],
      geometry: { type: "Point", coordinates: [7.4474, 46.948] }
    })
    const track = await api.getProductDeviceLocations({
      product: p.id,
      deviceId: p.deviceIds[0],
      dateRange: "2024-03-01T00:00:00Z,2024-03-03T00:00:00Z",
      rectBl: "47,8",
      rectTr: "48,9",
      auth
    })
    expect(lastRequest().rawQuery).toBe(
      "date_range=2024-03-01T00%3A00%3A00Z%2C2024-03-03T00%3A00%3A00Z&rect_bl=47%2C8&rect_tr=48%2C9"
    )
    expect(track.body.location.timestamps).toEqual(["2024-03-01T08:00:00.000Z", "2024-03-01T12:00:00.000Z"])
    const unknown = await rejection(
      api.getProductDeviceLocations({ product: p.id, deviceId: "0123456789abcdef01234567", auth })
    )
    expect(unknown.statusCode).toBe(404)
  })
})
