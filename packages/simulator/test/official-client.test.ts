/**
 * Fidelity suite: drives the official particle-api-js 12.0.3 client against the simulator. SIMs, integrations
 * and libraries have their own files (official-sims, official-integrations, official-libraries).
 */
import { describe, expect, it } from "vitest"
import { openStream, until } from "./helpers.js"
import { officialSuite, Particle, rejection } from "./official.js"

const { sim, api, auth } = await officialSuite({ keepAliveIntervalMs: 200, deviceTimeoutMs: 20 })

// auth, user, token, MFA, OAuth-client and customer methods: official-auth.test.ts

describe("particle-api-js → simulator: devices, variables, functions", () => {
  it("listDevices (user + product with pagination), getDevice, errors", async () => {
    const list = await api.listDevices({ auth })
    expect(list.body.map((d: any) => d.name)).toContain("photon-online")
    const p = sim.seed.product
    const page = await api.listDevices({ product: p.slug, page: 2, perPage: 2, auth })
    expect(page.body.meta).toEqual({ page: 2, per_page: 2, total_pages: 3, total: 5 })
    expect(page.body.devices).toHaveLength(2)
    const grouped = await api.listDevices({ product: p.id, groups: ["asia"], auth })
    expect(grouped.body.devices.map((d: any) => d.name)).toEqual(["fleet-3", "fleet-4"])
    expect((await api.getDevice({ deviceId: "photon-online", auth })).body.id).toBe(sim.seed.devices.online.id)
    const denied = await rejection(api.getDevice({ deviceId: sim.seed.otherUser.deviceId, auth }))
    expect(denied.statusCode).toBe(403)
    expect(denied.body.error).toBe("Permission Denied")
    expect((await api.getDevice({ deviceId: p.deviceIds[0], product: p.id, auth })).body.product_id).toBe(p.id)
  })
  it("getVariable / callFunction incl. product scope and error statuses", async () => {
    const id = sim.seed.devices.online.id
    const v = await api.getVariable({ deviceId: id, name: "temperature", auth })
    expect(v.body).toMatchObject({
      cmd: "VarReturn",
      name: "temperature",
      result: 23.5,
      coreInfo: { deviceID: id, connected: true }
    })
    const f = await api.callFunction({ deviceId: id, name: "echoLength", argument: "hello", auth })
    expect(f.body).toEqual({ id, name: "photon-online", last_app: "app", connected: true, return_value: 5 })
    const p = sim.seed.product
    expect((await api.getVariable({ deviceId: p.deviceIds[0], name: "uptime", product: p.slug, auth })).body.result)
      .toBe(1000)
    expect(
      (await api.callFunction({ deviceId: p.deviceIds[0], name: "reboot", argument: "", product: p.id, auth })).body
        .return_value
    ).toBe(1)
    const nf = await rejection(api.getVariable({ deviceId: id, name: "nope", auth }))
    expect([nf.statusCode, nf.body.error]).toEqual([404, "Variable not found"])
    const nfn = await rejection(api.callFunction({ deviceId: id, name: "nope", argument: "", auth }))
    expect([nfn.statusCode, nfn.body.error]).toEqual([404, "Function not found"])
    const to = await rejection(
      api.getVariable({ deviceId: sim.seed.devices.unresponsive.id, name: "temperature", auth })
    )
    expect([to.statusCode, to.body.error]).toEqual([408, "Timed out."])
    const off = await rejection(
      api.callFunction({ deviceId: sim.seed.devices.offline.id, name: "led", argument: "", auth })
    )
    expect(off.statusCode).toBe(404)
  })
  it("rename / signal / notes / updateDevice / claim / remove / product device flags", async () => {
    const id = sim.seed.devices.online.id
    expect((await api.renameDevice({ deviceId: id, name: "new-name", auth })).body).toMatchObject({
      id,
      name: "new-name"
    })
    expect((await api.signalDevice({ deviceId: id, signal: true, auth })).body).toMatchObject({ id, signaling: true })
    expect((await api.setDeviceNotes({ deviceId: id, notes: "n", auth })).body.notes).toBe("n")
    expect((await api.updateDevice({ deviceId: id, name: "again", notes: "m", auth })).body).toMatchObject({
      name: "again",
      notes: "m"
    })
    expect((await api.removeDevice({ deviceId: id, auth })).body).toEqual({ ok: true })
    expect((await api.claimDevice({ deviceId: id, auth })).body).toMatchObject({ ok: true })
    const p = sim.seed.product
    const pd = p.deviceIds[1]
    expect((await api.markAsDevelopmentDevice({ deviceId: pd, product: p.id, auth })).body.development).toBe(true)
    expect(
      (await api.lockDeviceProductFirmware({
        deviceId: pd,
        desiredFirmwareVersion: 2,
        flash: true,
        product: p.id,
        auth
      })).body.desired_firmware_version
    ).toBe(2)
    expect((await api.unlockDeviceProductFirmware({ deviceId: pd, product: p.id, auth })).body.desired_firmware_version)
      .toBe(null)
    expect((await api.removeDeviceOwner({ deviceId: p.ownedDeviceId, product: p.id, auth })).body).toEqual({ ok: true })
    expect((await api.removeDevice({ deviceId: pd, product: p.id, auth })).statusCode).toBe(204)
    expect((await api.addDeviceToProduct({ deviceId: pd, product: p.id, auth })).body).toMatchObject({ updated: 1 })
    const file = await api.addDeviceToProduct({
      file: Buffer.from(`${pd}\n0123456789abcdef01234567\nbad!`),
      product: p.id,
      auth
    })
    expect(file.body).toEqual({
      updated: 2,
      nonmemberDeviceIds: ["0123456789abcdef01234567"],
      invalidDeviceIds: ["bad!"]
    })
  })
  it("provision, claim code, serial lookup, public key, unprotect, backup", async () => {
    expect((await api.provisionDevice({ productId: sim.seed.product.id, auth })).body.product_id).toBe(
      sim.seed.product.id
    )
    expect((await api.getClaimCode({ iccid: "8934076500002589174", auth })).body.claim_code).toHaveLength(63)
    expect((await api.getClaimCode({ product: sim.seed.product.id, auth })).body.claim_code).toHaveLength(63)
    expect((await api.lookupSerialNumber({ serialNumber: sim.seed.serialNumber, auth })).body.deviceID).toBe(
      sim.seed.devices.online.id
    )
    expect((await api.sendPublicKey({ deviceId: "0123456789abcdef01234567", key: "PUBKEY", auth })).body.ok).toBe(true)
    expect((await api.unprotectDevice({ deviceId: sim.seed.devices.online.id, action: "prepare", auth })).body.ok).toBe(
      true
    )
    const backup = await api.downloadManufacturingBackup({ deviceId: sim.seed.devices.online.id, auth })
    expect(Buffer.from(backup).toString()).toContain("SIM-BACKUP")
  })
  it("compileCode → downloadFirmwareBinary, flashDevice", async () => {
    const c = await api.compileCode({ files: { "app.ino": Buffer.from("void setup(){}") }, platformId: 12, auth })
    expect(c.body.ok).toBe(true)
    const bin = await api.downloadFirmwareBinary({ binaryId: c.body.binary_id, auth })
    expect(Buffer.from(bin).toString()).toContain("void setup(){}")
    const f = await api.flashDevice({
      deviceId: sim.seed.devices.online.id,
      files: { "firmware.bin": Buffer.from([1, 2, 3]) },
      auth
    })
    expect(f.body).toEqual({ id: sim.seed.devices.online.id, status: "Update started" })
    const s = await api.flashDevice({
      deviceId: sim.seed.devices.online.id,
      files: { "app.ino": Buffer.from("x") },
      targetVersion: "6.2.1",
      auth
    })
    expect(s.body).toEqual({ ok: true, message: "Update started" })
    const rec = sim.requests().filter((r) => r.path === "/v1/binaries" && r.method === "POST")[0]!
    expect(rec.multipart!.map((p) => p.name)).toEqual(["file", "platform_id", "latest"])
  })
})

describe("particle-api-js → simulator: events", () => {
  it(
    "publishEvent + getEventStream receive events, and the stream survives a keep-alive gap beyond 15 s idle… scaled",
    async () => {
      const stream = await api.getEventStream({ deviceId: "mine", auth })
      const got: Array<any> = []
      let disconnects = 0
      stream.on("event", (e: any) => got.push(e))
      stream.on("disconnect", () => disconnects++)
      await until(() => sim.sseConnections() === 1)
      expect((await api.publishEvent({ name: "hello", data: "world", isPrivate: true, auth })).body).toEqual({
        ok: true
      })
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "temp", data: "21" })
      await until(() => got.length === 2)
      expect(got[0]).toMatchObject({ name: "hello", data: "world", ttl: 60, coreid: sim.seed.user.id })
      expect(got[1]).toMatchObject({ name: "temp", data: "21", coreid: sim.seed.devices.online.id })
      // quiet period: keep-alives every 200 ms keep the socket and idle timer fed; a raw reader counts them
      const raw = await openStream(sim, "/v1/devices/events/nothing-matches")
      await new Promise((r) => setTimeout(r, 3000))
      expect(raw.text().replace(/^:ok\n\n/, "")).toMatch(/^\n{10,}$/)
      raw.close()
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "after-gap", data: "x" })
      await until(() => got.length === 3)
      expect(disconnects).toBe(0)
      await until(() => sim.sseConnections() === 1)
      stream.abort()
      await until(() => sim.sseConnections() === 0)
    },
    10_000
  )
  it("device, product and org streams with name filters; 400/401 errors reject", async () => {
    const p = sim.seed.product
    const dev = await api.getEventStream({ deviceId: sim.seed.devices.online.id, name: "a/b", auth })
    const prod = await api.getEventStream({ product: p.slug, name: "fleet", auth })
    const org = await api.getEventStream({ org: sim.seed.org.slug, auth })
    const seen: Record<string, Array<string>> = { dev: [], prod: [], org: [] }
    dev.on("event", (e: any) => seen["dev"]!.push(e.name))
    prod.on("event", (e: any) => seen["prod"]!.push(e.name))
    org.on("event", (e: any) => seen["org"]!.push(e.name))
    await until(() => sim.sseConnections() === 3)
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "a/b/c" })
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "a/x" })
    sim.publish({ deviceId: p.deviceIds[0]!, name: "fleet/up" })
    await api.publishEvent({ name: "fleet/api", product: p.id, auth })
    await until(() => seen["dev"]!.length === 1 && seen["prod"]!.length === 2 && seen["org"]!.length === 2)
    expect(seen).toEqual({ dev: ["a/b/c"], prod: ["fleet/up", "fleet/api"], org: ["fleet/up", "fleet/api"] })
    for (const s of [dev, prod, org]) s.abort()
    const bad = await rejection(api.getEventStream({ deviceId: "mine", auth: "0".repeat(40) }))
    expect(bad.statusCode).toBe(401)
    expect(bad.body.error).toBe("invalid_token")
  })
})

describe("particle-api-js → simulator: products, customers, groups config", () => {
  it("products, firmware, team, customers, configuration, locations", async () => {
    const p = sim.seed.product
    expect((await api.listProducts({ auth })).body.products[0]).toMatchObject({ id: p.id, slug: p.slug })
    expect((await api.getProduct({ product: p.slug, auth })).body.product.id).toBe(p.id)
    expect((await api.listProductFirmware({ product: p.id, auth })).body.map((f: any) => f.version)).toEqual([1, 2])
    const up = await api.uploadProductFirmware({
      product: p.id,
      file: Buffer.from("FW3"),
      version: 3,
      title: "v3",
      description: "d",
      auth
    })
    expect([up.statusCode, up.body.version, up.body.size]).toEqual([201, 3, 3])
    expect((await api.getProductFirmware({ product: p.id, version: 3, auth })).body.title).toBe("v3")
    expect((await api.updateProductFirmware({ product: p.id, version: 3, title: "t3", auth })).body.title).toBe("t3")
    expect(Buffer.from(await api.downloadProductFirmware({ product: p.id, version: 3, auth })).toString()).toBe("FW3")
    const rel = await api.releaseProductFirmware({ product: p.id, version: 2, product_default: true, auth })
    expect(rel.body).toMatchObject({ version: 2, product_default: true })
    expect((await api.listTeamMembers({ product: p.id, auth })).body.team[0].username).toBe("demo@particle.sim")
    expect((await api.inviteTeamMember({ product: p.id, username: "friend@x.io", auth })).body).toEqual({
      ok: true,
      invited: { username: "friend@x.io" }
    })
    expect((await api.removeTeamMember({ product: p.id, username: "friend@x.io", auth })).body).toEqual({ ok: true })
    const cust = new Particle({
      baseUrl: sim.url,
      clientId: sim.seed.oauthClient.id,
      clientSecret: sim.seed.oauthClient.secret
    })
    const c = await cust.createCustomer({ product: p.id, email: "c2@x.io", password: "pw" })
    expect([c.statusCode, c.body.token_type]).toEqual([201, "bearer"])
    expect((await api.getProductConfiguration({ product: p.id, auth })).body.configuration.location).toBeDefined()
    expect((await api.getProductConfigurationSchema({ product: p.id, auth })).body.type).toBe("object")
    expect((await api.setProductConfiguration({ product: p.id, config: { location: { radius: 5 } }, auth })).statusCode)
      .toBe(202)
    expect(
      (await api.getProductDeviceConfiguration({ product: p.id, deviceId: p.deviceIds[0], auth })).body.configuration
        .current.location.radius
    ).toBe(5)
    expect(
      (await api.setProductDeviceConfiguration({ product: p.id, deviceId: p.deviceIds[1], config: { rgb: {} }, auth }))
        .statusCode
    ).toBe(202)
    const locs = await api.getProductLocations({ product: p.id, groups: ["asia"], page: 1, perPage: 1, auth })
    expect(locs.body.meta).toMatchObject({ page: 1, total_pages: 2, devices_found: 2 })
    expect(
      (await api.getProductDeviceLocations({ product: p.id, deviceId: p.deviceIds[0], auth })).body.location.device_id
    ).toBe(p.deviceIds[0])
  })
})

describe("particle-api-js → simulator: clients, build targets", () => {
  it("OAuth clients, build targets, Device OS versions", async () => {
    const c = await api.createOAuthClient({ name: "My App", type: "installed", auth })
    expect(c.body.client).toMatchObject({ name: "My App", type: "installed" })
    expect(c.body.client.secret).toMatch(/^[0-9a-f]{40}$/)
    expect((await api.listOAuthClients({ auth })).body.clients.map((x: any) => x.id)).toContain(c.body.client.id)
    expect((await api.updateOAuthClient({ clientId: c.body.client.id, name: "Renamed", auth })).body.client.name).toBe(
      "Renamed"
    )
    expect((await api.deleteOAuthClient({ clientId: c.body.client.id, auth })).statusCode).toBe(204)
    expect((await api.listOAuthClients({ product: sim.seed.product.id, auth })).body.clients[0].id).toBe(
      sim.seed.oauthClient.id
    )
    const bt = await api.listBuildTargets({ onlyFeatured: true, auth })
    expect(bt.body.targets[0]).toMatchObject({ firmware_vendor: "Particle" })
    const os = await api.listDeviceOsVersions({ platformId: 32, auth })
    // the real cloud's envelope (what particle-cli reads), not the bare array api-js 12 types
    expect(os.body.versions.length).toBeGreaterThan(0)
    expect(os.body.versions.every((v: any) => v.supported_platforms.includes(32))).toBe(true)
    expect(os.body.meta.total).toBe(os.body.versions.length)
    expect((await api.getDeviceOsVersion({ version: "6.2.1", platformId: 32, auth })).body.version).toBe("6.2.1")
  })
})
