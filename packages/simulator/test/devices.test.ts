import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, multipart, openStream, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start({ deviceTimeoutMs: 20 })
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const PD = "Permission Denied"

describe("devices", () => {
  it("lists the user's devices (array) and gets one by id or name", async () => {
    const list = await call(sim, "GET", "/v1/devices")
    expect(Array.isArray(list.json)).toBe(true)
    const ids = list.json.map((d: any) => d.id)
    expect(ids).toContain(sim.seed.devices.online.id)
    expect(ids).not.toContain(sim.seed.otherUser.deviceId)
    const byName = await call(sim, "GET", `/v1/devices/${sim.seed.devices.online.name}`)
    expect(byName.json).toMatchObject({
      id: sim.seed.devices.online.id,
      online: true,
      connected: true,
      platform_id: 6,
      product_id: 6,
      variables: { temperature: "double", count: "int32", status: "string", enabled: "bool" }
    })
    expect(byName.json.functions).toEqual(["led", "echoLength", "fail"])
  })
  it("403 Permission Denied for unknown and other-user devices", async () => {
    for (const id of ["0123456789abcdef01234567", sim.seed.otherUser.deviceId, "no-such-name"]) {
      const r = await call(sim, "GET", `/v1/devices/${id}`)
      expect(r.status).toBe(403)
      expect(r.json.error).toBe(PD)
      expect(r.json.info).toMatch(
        /^I didn't recognize that device name or ID, try opening https:\/\/api\.particle\.io\/v1\/devices\?access_token=/
      )
    }
  })
  it("product device routes require a product member and the device id", async () => {
    const p = sim.seed.product
    const r = await call(sim, "GET", `/v1/products/${p.slug}/devices/${p.deviceIds[1]}`)
    expect(r.json).toMatchObject({
      id: p.deviceIds[1],
      product_id: p.id,
      groups: ["europe", "beta"],
      development: false
    })
    expect((await call(sim, "GET", `/v1/products/${p.id}/devices/${p.deviceIds[1]}`)).status).toBe(200)
    expect((await call(sim, "GET", `/v1/products/${p.id}/devices/fleet-2`)).status).toBe(404)
    expect(
      (await call(sim, "GET", `/v1/products/${p.id}/devices/${p.deviceIds[1]}`, {
        token: sim.seed.otherUser.accessToken
      })).status
    ).toBe(403)
    expect((await call(sim, "GET", `/v1/products/no-such-product/devices`)).status).toBe(404)
  })
  it("rename, notes, signal, forced updates; product dev flag, firmware lock, groups", async () => {
    const id = sim.seed.devices.online.id
    const r = await call(sim, "PUT", `/v1/devices/${id}`, { json: { name: "renamed", notes: "hi", signal: "1" } })
    expect(r.json).toMatchObject({ id, name: "renamed", notes: "hi", connected: true, signaling: true })
    expect(typeof r.json.updated_at).toBe("string")
    expect((await call(sim, "GET", "/v1/devices/renamed")).json.notes).toBe("hi")
    expect(
      (await call(sim, "PUT", `/v1/devices/${id}`, { form: { firmware_updates_forced: "true" } })).json
        .firmware_updates_forced
    ).toBe(true)
    expect((await call(sim, "PUT", `/v1/devices/${id}`, { json: {} })).status).toBe(400)
    const p = sim.seed.product
    const pd = `/v1/products/${p.id}/devices/${p.deviceIds[2]}`
    expect((await call(sim, "PUT", pd, { json: { development: true } })).json.development).toBe(true)
    expect(
      (await call(sim, "PUT", pd, { json: { desired_firmware_version: 2, flash: true } })).json.desired_firmware_version
    ).toBe(2)
    expect((await call(sim, "PUT", pd, { json: { desired_firmware_version: null } })).json.desired_firmware_version)
      .toBe(null)
    expect((await call(sim, "PUT", pd, { form: { "groups[]": "new-group" } })).json.groups).toEqual(["new-group"])
  })
  it("ping, unclaim, claim, remove from product (204), remove owner", async () => {
    const on = sim.seed.devices.online.id
    expect((await call(sim, "PUT", `/v1/devices/${on}/ping`)).json).toEqual({ online: true, ok: true })
    expect((await call(sim, "PUT", `/v1/devices/${sim.seed.devices.offline.id}/ping`)).json).toEqual({
      online: false,
      ok: true
    })
    expect((await call(sim, "DELETE", `/v1/devices/${on}`)).json).toEqual({ ok: true })
    expect((await call(sim, "GET", `/v1/devices/${on}`)).status).toBe(403)
    const claim = await call(sim, "POST", "/v1/devices", { json: { id: on, request_transfer: false } })
    expect(claim.json).toMatchObject({ ok: true, id: on, user_id: sim.seed.user.id })
    expect((await call(sim, "POST", "/v1/devices", { json: { id: sim.seed.otherUser.deviceId } })).status).toBe(403)
    const p = sim.seed.product
    const del = await call(sim, "DELETE", `/v1/products/${p.id}/devices/${p.deviceIds[3]}`)
    expect([del.status, del.text]).toEqual([204, ""])
    expect((await call(sim, "DELETE", `/v1/products/${p.id}/devices/${p.ownedDeviceId}/owner`)).json).toEqual({
      ok: true
    })
  })
  it("claim codes, serial lookup, provisioning", async () => {
    const c = await call(sim, "POST", "/v1/device_claims", { json: { iccid: "8934076500002589174" } })
    expect(c.json.claim_code).toHaveLength(63)
    expect(Array.isArray(c.json.device_ids)).toBe(true)
    const s = await call(sim, "GET", `/v1/serial_numbers/${sim.seed.serialNumber}`)
    expect(s.json).toMatchObject({ ok: true, deviceID: sim.seed.devices.online.id })
    expect((await call(sim, "GET", "/v1/serial_numbers/NOPE")).status).toBe(404)
    expect(
      (await call(sim, "POST", "/v1/provisioning/0123456789abcdef01234567", {
        json: {
          deviceID: "0123456789abcdef01234567",
          publicKey: "KEY",
          filename: "particle-api",
          order: "manual_1",
          algorithm: "rsa"
        }
      })).json.ok
    ).toBe(true)
    const prov = await call(sim, "POST", "/v1/devices", { json: { product_id: sim.seed.product.id } })
    expect(prov.json.product_id).toBe(sim.seed.product.id)
  })
})

describe("variables", () => {
  const dev = () => sim.seed.devices.online.id
  it("VarReturn body with coreInfo, every type, product twin and raw format", async () => {
    const r = await call(sim, "GET", `/v1/devices/${dev()}/temperature`)
    expect(r.json).toMatchObject({
      cmd: "VarReturn",
      name: "temperature",
      result: 23.5,
      coreInfo: { last_app: "app", connected: true, deviceID: dev(), product_id: 6 }
    })
    expect(Object.keys(r.json.coreInfo).sort()).toEqual([
      "connected",
      "deviceID",
      "last_app",
      "last_handshake_at",
      "last_heard",
      "product_id"
    ])
    expect((await call(sim, "GET", `/v1/devices/${dev()}/count`)).json.result).toBe(42)
    expect((await call(sim, "GET", `/v1/devices/${dev()}/status`)).json.result).toBe("ready")
    expect((await call(sim, "GET", `/v1/devices/${dev()}/enabled`)).json.result).toBe(true)
    const raw = await call(sim, "GET", `/v1/devices/${dev()}/temperature?format=raw`)
    expect([raw.text, raw.headers.get("content-type")]).toEqual(["23.5", "text/plain; charset=utf-8"])
    const p = sim.seed.product
    expect((await call(sim, "GET", `/v1/products/${p.slug}/devices/${p.deviceIds[0]}/uptime`)).json.result).toBe(1000)
    sim.setVariable(dev(), "temperature", 99)
    expect((await call(sim, "GET", `/v1/devices/${dev()}/temperature`)).json.result).toBe(99)
  })
  it("404 unknown variable, 404 offline device, 408 unresponsive device", async () => {
    expect((await call(sim, "GET", `/v1/devices/${dev()}/nope`)).json).toEqual({
      ok: false,
      error: "Variable not found"
    })
    const off = await call(sim, "GET", `/v1/devices/${sim.seed.devices.offline.id}/temperature`)
    expect([off.status, off.json]).toEqual([404, { ok: false, error: "Device is offline" }])
    const slow = await call(sim, "GET", `/v1/devices/${sim.seed.devices.unresponsive.id}/temperature`)
    expect([slow.status, slow.json]).toEqual([408, { error: "Timed out." }])
    sim.setUnresponsive(dev(), true)
    expect((await call(sim, "POST", `/v1/devices/${dev()}/led`, { json: { arg: "x" } })).status).toBe(408)
    expect((await call(sim, "GET", `/v1/devices/${sim.seed.otherUser.deviceId}/secret`)).status).toBe(403)
  })
})

describe("functions", () => {
  const dev = () => sim.seed.devices.online.id
  it("accepts arg and args, JSON and form; returns {id,name,last_app,connected,return_value}", async () => {
    const a = await call(sim, "POST", `/v1/devices/${dev()}/echoLength`, { json: { args: "hello" } })
    expect(a.json).toEqual({ id: dev(), name: "photon-online", last_app: "app", connected: true, return_value: 5 })
    expect((await call(sim, "POST", `/v1/devices/${dev()}/echoLength`, { form: { arg: "abc" } })).json.return_value)
      .toBe(3)
    expect((await call(sim, "POST", `/v1/devices/${dev()}/fail`, { json: {} })).json.return_value).toBe(-1)
    expect((await call(sim, "POST", `/v1/devices/${dev()}/led`, { form: { arg: "on", format: "raw" } })).text).toBe("1")
    sim.setFunction(dev(), "led", (arg) => (arg === "on" ? 7 : 8))
    expect((await call(sim, "POST", `/v1/devices/${dev()}/led`, { json: { arg: "on" } })).json.return_value).toBe(7)
  })
  it("404 unknown function and offline, 400 over-long argument", async () => {
    expect((await call(sim, "POST", `/v1/devices/${dev()}/nope`, { json: { arg: "" } })).json).toEqual({
      ok: false,
      error: "Function not found"
    })
    expect((await call(sim, "POST", `/v1/devices/${sim.seed.devices.offline.id}/led`, { json: { arg: "" } })).json)
      .toEqual({ ok: false, error: "Device is offline" })
    expect(
      (await call(sim, "POST", `/v1/devices/${dev()}/echoLength`, { json: { arg: "x".repeat(622) } })).json.return_value
    ).toBe(622)
    const long = await call(sim, "POST", `/v1/devices/${dev()}/echoLength`, { json: { arg: "x".repeat(623) } })
    expect(long.status).toBe(400)
    expect(long.json.ok).toBe(false)
  })
})

describe("firmware: compile, binaries, flash", () => {
  it("compiles sources to a downloadable binary; #error gives 400 errors[]", async () => {
    const r = await fetch(`${sim.url}/v1/binaries`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.accessToken}` },
      body: multipart([{ name: "file", filename: "app.ino", data: "void setup(){}" }, {
        name: "platform_id",
        data: "12"
      }, { name: "latest", data: "true" }])
    })
    const j = await r.json() as any
    expect(j).toMatchObject({ ok: true, binary_url: `/v1/binaries/${j.binary_id}` })
    expect(j.binary_id).toMatch(/^[0-9a-f]{24}$/)
    const bin = await fetch(`${sim.url}/v1/binaries/${j.binary_id}`, {
      headers: { authorization: `Bearer ${sim.accessToken}` }
    })
    expect(bin.headers.get("content-type")).toBe("application/octet-stream")
    expect(Buffer.from(await bin.arrayBuffer()).toString()).toContain("void setup(){}")
    const bad = await fetch(`${sim.url}/v1/binaries`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.accessToken}` },
      body: multipart([{ name: "file", filename: "app.ino", data: "#error broken" }])
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).errors[0]).toContain("app.ino:1")
    expect((await call(sim, "GET", "/v1/binaries/0123456789abcdef01234567")).status).toBe(404)
  })
  it("flash: binary → {id,status}, sources → {ok,message}; publishes spark/flash/status", async () => {
    const id = sim.seed.devices.online.id
    const s = await openStream(sim, `/v1/devices/${id}/events/spark%2Fflash`)
    const put = (parts: Parameters<typeof multipart>[0]) =>
      fetch(`${sim.url}/v1/devices/${id}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${sim.accessToken}` },
        body: multipart(parts)
      }).then((r) => r.json())
    expect(
      await put([{ name: "file", filename: "firmware.bin", data: new Uint8Array([1, 2, 3]) }, {
        name: "file_type",
        data: "binary"
      }])
    ).toEqual({ id, status: "Update started" })
    expect(
      await put([{ name: "file", filename: "app.ino", data: "void loop(){}" }, {
        name: "build_target_version",
        data: "6.2.1"
      }])
    ).toEqual({ ok: true, message: "Update started" })
    await s.waitFor((t) => t.includes("event: spark/flash/status\n") && t.includes("\"data\":\"success "))
    s.close()
    const rec = sim.requests().filter((r) => r.method === "PUT" && r.multipart)
    expect(rec[0]!.multipart!.map((p) => [p.name, p.filename])).toEqual([["file", "firmware.bin"], [
      "file_type",
      undefined
    ]])
    expect(Array.from(rec[0]!.multipart![0]!.data)).toEqual([1, 2, 3])
  })
})

describe("diagnostics", () => {
  it("update (202), last, history, metadata, summary, product twin, bad dates", async () => {
    const id = sim.seed.devices.cellular.id
    const s = await openStream(sim, `/v1/devices/${id}/events/spark%2Fdevice%2Fdiagnostics`)
    const u = await call(sim, "POST", `/v1/diagnostics/${id}/update`)
    expect([u.status, u.json]).toEqual([202, { ok: true }])
    await s.waitFor((t) => t.includes("event: spark/device/diagnostics/update\n"))
    s.close()
    const last = await call(sim, "GET", `/v1/diagnostics/${id}/last`)
    expect(last.json.diagnostics).toMatchObject({
      deviceID: id,
      payload: { device: { system: { memory: { total: 160000 } } } }
    })
    expect((await call(sim, "GET", `/v1/diagnostics/${id}`)).json.diagnostics.length).toBeGreaterThanOrEqual(1)
    expect((await call(sim, "GET", `/v1/diagnostics/${id}`, { headers: { accept: "text/csv" } })).text).toMatch(
      /^updated_at,deviceID/
    )
    expect((await call(sim, "GET", `/v1/diagnostics/${id}/metadata`)).json.diagnostics_metadata.device).toBeDefined()
    expect((await call(sim, "GET", `/v1/diagnostics/${id}/summary`)).json).toMatchObject({
      deviceID: id,
      bucketSize: 300000
    })
    const bad = await call(sim, "GET", `/v1/diagnostics/${id}?start_date=yesterday`)
    expect([bad.status, bad.json]).toEqual([400, {
      error: "bad_request",
      description: "start_date and end_date must be ISO8601 formatted"
    }])
    const p = sim.seed.product
    expect(
      (await call(sim, "GET", `/v1/products/${p.id}/diagnostics/${p.deviceIds[0]}/last`)).json.diagnostics.deviceID
    ).toBe(p.deviceIds[0])
    expect((await call(sim, "GET", `/v1/diagnostics/${sim.seed.otherUser.deviceId}/last`)).status).toBe(403)
  })
})

describe("org unprotect and claim codes", () => {
  it("org unprotect needs a device of one of the org's products", async () => {
    const org = sim.seed.org.slug
    const fleetDevice = sim.seed.product.deviceIds[0]!
    const prepared = await call(sim, "PUT", `/v1/orgs/${org}/devices/${fleetDevice}/unprotect`, {
      json: { action: "prepare" }
    })
    expect(prepared.status).toBe(200)
    expect(prepared.json.ok).toBe(true)
    expect(typeof prepared.json.server_nonce).toBe("string")
    const personal = await call(sim, "PUT", `/v1/orgs/${org}/devices/${sim.seed.devices.online.id}/unprotect`, {
      json: { action: "prepare" }
    })
    expect(personal.status).toBe(403)
    expect(personal.json.error).toBe(PD)
    const unknown = await call(sim, "PUT", `/v1/orgs/${org}/devices/ffffffffffffffffffffffff/unprotect`, {
      json: { action: "prepare" }
    })
    expect(unknown.status).toBe(403)
  })

  it("a claim code for an ICCID needs a SIM the caller has", async () => {
    const own = await call(sim, "POST", "/v1/device_claims", { json: { iccid: sim.seed.sims.user[0] } })
    expect(own.status).toBe(200)
    expect(own.json.claim_code).toHaveLength(63)
    const foreign = await call(sim, "POST", "/v1/device_claims", { json: { iccid: "89000000000000000000" } })
    expect(foreign.status).toBe(404)
  })
})
