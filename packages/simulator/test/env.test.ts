import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { PERMISSION_DENIED_INFO } from "../src/internal/reply.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const KEY_ERROR =
  "Validation error: : Must only contain uppercase letters, numbers, and underscores. Must not start with a number."

describe("environment variables", () => {
  it("a bad key → 400 with Particle's exact validation body (particle-cli's fixture)", async () => {
    const r = await call(sim, "PATCH", "/v1/env", { json: { ops: [{ op: "Set", key: "invalid-key", value: "bar" }] } })
    expect(r.status).toBe(400)
    expect(r.json).toEqual({ error: "invalid_request", error_description: `${KEY_ERROR} at "ops[0].key"` })
    const second = await call(sim, "PATCH", "/v1/env", {
      json: { ops: [{ op: "Set", key: "OK", value: "1" }, { op: "Unset", key: "9LIVES" }] }
    })
    expect(second.json.error_description).toBe(`${KEY_ERROR} at "ops[1].key"`)
    expect((await call(sim, "PUT", "/v1/env/bad-key", { json: { value: "x" } })).json).toEqual({
      error: "invalid_request",
      error_description: `${KEY_ERROR} at "key"`
    })
    // nothing was applied
    expect((await call(sim, "GET", "/v1/env")).json.latest.own).toEqual({})
  })

  it("ops: required, an array, 1 to 50, Set or Unset, string values", async () => {
    const cases: Array<[unknown, string]> = [
      [{}, "Is required at \"ops\""],
      [{ ops: "x" }, "Must be an array at \"ops\""],
      [{ ops: [] }, "Must contain at least 1 item at \"ops\""],
      [
        { ops: Array.from({ length: 51 }, (_, i) => ({ op: "Set", key: `K${i}`, value: "v" })) },
        "Must contain at most 50 items at \"ops\""
      ],
      [{ ops: [{ op: "Add", key: "A", value: "b" }] }, "Must be one of Set, Unset at \"ops[0].op\""],
      [{ ops: [{ op: "Set", key: "A", value: 1 }] }, "Must be a string at \"ops[0].value\""],
      [{ ops: [1] }, "Must be an object at \"ops[0]\""]
    ]
    for (const [body, message] of cases) {
      const r = await call(sim, "PATCH", "/v1/env", { json: body })
      expect([r.status, r.json.error_description]).toEqual([400, `Validation error: : ${message}`])
    }
    const fifty = await call(sim, "PATCH", "/v1/env", {
      json: { ops: Array.from({ length: 50 }, (_, i) => ({ op: "Set", key: `K${i}`, value: "v" })) }
    })
    expect([fifty.status, Object.keys(fifty.json.latest.own).length]).toEqual([200, 50])
  })

  it("latest vs last_snapshot, inheritance owner → product → device, render, review, rollout (with the top-level stamps of particle-cli's fixture)", async () => {
    const device = sim.seed.product.ownedDeviceId
    await call(sim, "PUT", `/v1/orgs/${sim.seed.org.slug}/env/A`, { json: { value: "org" } })
    await call(sim, "PUT", `/v1/products/${sim.seed.product.id}/env/A`, { json: { value: "product" } })
    await call(sim, "PUT", `/v1/products/${sim.seed.product.id}/env/B`, { json: { value: "product" } })
    const own = await call(sim, "PUT", `/v1/env/${device}/C`, { json: { value: "device" } })
    expect(own.json).toEqual({
      latest: {
        own: { C: { value: "device", access: ["Device"] } },
        inherited: {
          A: { from: "Product", value: "product", access: ["Device"] },
          B: { from: "Product", value: "product", access: ["Device"] }
        },
        created_at: expect.any(String),
        updated_at: expect.any(String),
        created_by: sim.seed.user.id,
        updated_by: sim.seed.user.id
      },
      last_snapshot: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      created_by: sim.seed.user.id,
      updated_by: sim.seed.user.id
    })
    expect((await call(sim, "GET", `/v1/env/${device}/render`)).json).toEqual({
      env: { A: "product", B: "product", C: "device" },
      last_updated_at: expect.any(String),
      rollout_at: null,
      rollout_by: null
    })
    const review = await call(sim, "GET", `/v1/env/${device}/rollout`)
    expect(review.json.from_snapshot.changes).toEqual([
      { op: "Added", key: "A", after: "product" },
      { op: "Added", key: "B", after: "product" },
      { op: "Added", key: "C", after: "device" }
    ])
    expect(review.json.from_device).toEqual(review.json.from_snapshot)
    expect((await call(sim, "POST", `/v1/env/${device}/rollout`, { json: { when: "Immediate" } })).json).toEqual({
      success: true
    })
    const after = await call(sim, "GET", `/v1/env/${device}`)
    expect(after.json.last_snapshot).toEqual({
      own: { C: { value: "device" } },
      inherited: { A: { from: "Product", value: "product" }, B: { from: "Product", value: "product" } },
      rollout_at: expect.any(String),
      rollout_by: sim.seed.user.id
    })
    expect(after.json.on_device).toEqual({
      rendered: { A: "product", B: "product", C: "device" },
      last_reported_at: after.json.last_snapshot.rollout_at
    })
    // removing the product's A uncovers the org's
    await call(sim, "DELETE", `/v1/products/${sim.seed.product.id}/env/A`)
    const next = await call(sim, "GET", `/v1/env/${device}/rollout`)
    expect(next.json.from_snapshot).toEqual({
      changes: [{ op: "Changed", key: "A", before: "product", after: "org" }],
      unchanged: { B: "product", C: "device" }
    })
    expect((await call(sim, "POST", `/v1/env/${device}/rollout`, { json: {} })).json.error_description).toBe(
      "Validation error: : Is required at \"when\""
    )
    expect((await call(sim, "POST", `/v1/env/${device}/rollout`, { json: { when: "Later" } })).json.error_description)
      .toBe("Validation error: : Must be one of Immediate, Connect at \"when\"")
  })

  it("routes that overlap: /v1/env/render and /v1/env/rollout are the sandbox's; /v1/env/:deviceId the device's; keys are upper case", async () => {
    await call(sim, "PUT", "/v1/env/RENDER", { json: { value: "a key named RENDER" } })
    expect((await call(sim, "GET", "/v1/env/render")).json.env).toEqual({ RENDER: "a key named RENDER" })
    expect((await call(sim, "GET", "/v1/env/rollout")).json.from_snapshot.changes).toHaveLength(1)
    expect((await call(sim, "GET", `/v1/env/${sim.seed.devices.online.id}`)).json.latest.inherited).toEqual({
      RENDER: { from: "Owner", value: "a key named RENDER", access: ["Device"] }
    })
  })

  it("scopes the caller cannot use: 403 Permission Denied for devices, 403/404 for products, 404 for orgs", async () => {
    const denied = await call(sim, "GET", `/v1/env/${sim.seed.otherUser.deviceId}`)
    expect([denied.status, denied.json]).toEqual([403, { error: "Permission Denied", info: PERMISSION_DENIED_INFO }])
    expect((await call(sim, "GET", "/v1/env/0123456789abcdef01234567")).status).toBe(403)
    expect(
      (await call(sim, "GET", `/v1/products/${sim.seed.product.id}/env`, { token: sim.seed.otherUser.accessToken }))
        .status
    ).toBe(403)
    expect((await call(sim, "GET", "/v1/products/999999/env")).status).toBe(404)
    expect(
      (await call(sim, "GET", `/v1/orgs/${sim.seed.org.slug}/env`, { token: sim.seed.otherUser.accessToken })).status
    ).toBe(404)
    expect((await call(sim, "DELETE", "/v1/env/NEVER_SET")).json).toEqual({
      error: "not_found",
      error_description: "Environment variable NEVER_SET not found"
    })
  })
})
