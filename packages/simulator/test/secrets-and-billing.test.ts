import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

describe("secrets", () => {
  it("set (201 created, 200 replaced), get, list: the value is in no answer; `{value}` and `{secret:{value}}` bodies", async () => {
    const created = await call(sim, "PUT", "/v1/secrets/API_KEY", { json: { secret: { value: "s3cr3t" } } })
    expect(created.status).toBe(201)
    expect(created.json).toEqual({
      secret: {
        name: "API_KEY",
        created_at: expect.any(String),
        updated_at: expect.any(String),
        created_by: sim.seed.user.id,
        updated_by: sim.seed.user.id,
        last_accessed_at: null,
        integrations: [],
        logic_functions: []
      }
    })
    const replaced = await call(sim, "PUT", "/v1/secrets/API_KEY", { json: { value: "other" } })
    expect(replaced.status).toBe(200)
    for (const path of ["/v1/secrets", "/v1/secrets/API_KEY"]) {
      const r = await call(sim, "GET", path)
      expect(r.status).toBe(200)
      expect(r.text).not.toMatch(/s3cr3t|other|"value"/)
    }
    expect(created.text + replaced.text).not.toMatch(/s3cr3t|"value"/)
  })

  it("names and values are validated; unknown 404; org members only; delete 204; in use by a Logic function 400", async () => {
    const bad = await call(sim, "PUT", "/v1/secrets/lower", { json: { value: "x" } })
    expect(bad.json).toEqual({
      error: "invalid_request",
      error_description:
        "Validation error: : Must only contain uppercase letters, numbers, and underscores. Must not start with a number. at \"name\""
    })
    expect((await call(sim, "PUT", "/v1/secrets/EMPTY", { json: { secret: { value: "" } } })).json.error_description)
      .toBe("Validation error: : Is required at \"secret.value\"")
    expect((await call(sim, "PUT", "/v1/secrets/NUM", { json: { value: 5 } })).json.error_description).toBe(
      "Validation error: : Must be a string at \"value\""
    )
    expect((await call(sim, "GET", "/v1/secrets/NOPE")).json).toEqual({
      error: "not_found",
      error_description: "Secret not found"
    })
    expect(
      (await call(sim, "GET", `/v1/orgs/${sim.seed.org.slug}/secrets`, { token: sim.seed.otherUser.accessToken }))
        .status
    ).toBe(404)
    await call(sim, "PUT", "/v1/secrets/USED", { json: { value: "x" } })
    const fn = await call(sim, "POST", "/v1/logic/functions", {
      json: { logic_function: { name: "f", source: { code: "export default () => 1" }, secrets: ["USED"] } }
    })
    expect((await call(sim, "GET", "/v1/secrets/USED")).json.secret.logic_functions).toEqual([
      fn.json.logic_function.id
    ])
    const inUse = await call(sim, "DELETE", "/v1/secrets/USED")
    expect([inUse.status, inUse.json]).toEqual([400, {
      ok: false,
      error: "This secret cannot be deleted as it is being used by integrations or Logic Functions."
    }])
    await call(sim, "DELETE", `/v1/logic/functions/${fn.json.logic_function.id}`)
    const deleted = await call(sim, "DELETE", "/v1/secrets/USED")
    expect([deleted.status, deleted.text]).toEqual([204, ""])
    // the sandbox and the org are separate namespaces
    await call(sim, "PUT", `/v1/orgs/${sim.seed.org.slug}/secrets/ORG_ONLY`, { json: { value: "x" } })
    expect((await call(sim, "GET", "/v1/secrets")).json.secrets).toEqual([])
  })
})

describe("service agreements, usage reports, notifications", () => {
  it("agreements in a data envelope, with usage counted from the fleet; members only for an org", async () => {
    const user = await call(sim, "GET", "/v1/user/service_agreements")
    expect(user.json.data).toEqual([
      expect.objectContaining({
        id: sim.seed.serviceAgreements.user,
        type: "service_agreement",
        attributes: expect.objectContaining({ owner_type: "user", agreement_type: "developer" })
      })
    ])
    expect(user.json.data[0].attributes.current_usage_summary.connectivity.all).toEqual({
      owned_devices: 5,
      billable_devices: 5,
      device_data: 0,
      device_messages: 0
    })
    const other = await call(sim, "GET", "/v1/user/service_agreements", { token: sim.seed.otherUser.accessToken })
    expect(other.json.data.map((a: { id: string }) => a.id)).toEqual([sim.seed.serviceAgreements.otherUser])
    expect(
      (await call(sim, "GET", `/v1/orgs/${sim.seed.org.slug}/service_agreements`, {
        token: sim.seed.otherUser.accessToken
      })).status
    ).toBe(404)
  })

  it("usage reports: 202 pending, available when read; the report's dates and type validated; others' agreements 404", async () => {
    const path = `/v1/user/service_agreements/${sim.seed.serviceAgreements.user}/usage_reports`
    const created = await call(sim, "POST", path, {
      json: {
        report_type: "devices",
        date_period_start: "2022-01-01",
        date_period_end: "2022-01-31",
        devices: ["device1"]
      }
    })
    expect(created.status).toBe(202)
    expect(created.json.data).toEqual({
      id: expect.any(String),
      type: "usage_report",
      attributes: {
        state: "pending",
        service_agreement_id: Number(sim.seed.serviceAgreements.user),
        date_period_start: "2022-01-01",
        date_period_end: "2022-01-31",
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000$/),
        expires_at: null,
        report_type: "devices",
        report_params: { devices: ["device1"], products: [], recipient_list: [sim.seed.user.username] },
        download_url: null
      }
    })
    const read = await call(sim, "GET", `/v1/user/usage_reports/${created.json.data.id}`)
    expect(read.json.data.attributes).toMatchObject({
      state: "available",
      download_url: expect.stringMatching(/^https:\/\/usage-reports\.particle\.invalid\//)
    })
    expect(
      (await call(sim, "GET", `/v1/user/usage_reports/${created.json.data.id}`, {
        token: sim.seed.otherUser.accessToken
      })).status
    ).toBe(404)
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { report_type: "sims", date_period_start: "2022-01-01", date_period_end: "2022-01-31" },
        "Must be one of devices, products at \"report_type\""
      ],
      [
        { report_type: "devices", date_period_start: "01/01/2022", date_period_end: "2022-01-31" },
        "Must be a date (YYYY-MM-DD) at \"date_period_start\""
      ],
      [
        { report_type: "devices", date_period_start: "2022-02-01", date_period_end: "2022-01-31" },
        "Must not be before date_period_start at \"date_period_end\""
      ],
      [
        { report_type: "devices", date_period_start: "2022-01-01", date_period_end: "2022-01-31", devices: "d1" },
        "Must be an array of IDs at \"devices\""
      ]
    ]
    for (const [body, message] of cases) {
      expect((await call(sim, "POST", path, { json: body })).json.error_description).toBe(
        `Validation error: : ${message}`
      )
    }
    expect(
      (await call(sim, "POST", `/v1/user/service_agreements/${sim.seed.serviceAgreements.otherUser}/usage_reports`, {
        json: {}
      })).status
    ).toBe(404)
  })

  it("notifications of an agreement", async () => {
    const r = await call(sim, "GET", `/v1/user/service_agreements/${sim.seed.serviceAgreements.user}/notifications`)
    expect(r.json.data).toEqual([{
      id: sim.seed.serviceAgreements.notification,
      type: "notification",
      attributes: expect.objectContaining({ state: "completed", resource_type: "ServiceAgreement" })
    }])
    expect((await call(sim, "GET", "/v1/user/service_agreements/9999/notifications")).status).toBe(404)
  })
})
