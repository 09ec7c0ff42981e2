/**
 * Fidelity suite: particle-api-js 12.0.3's nine Logic methods driven against the simulator.
 */
import { describe, expect, it } from "vitest"
import { officialSuite, rejection } from "./official.js"

const { sim, api, auth, lastRequest } = await officialSuite()

const code =
  "import Particle from 'particle:core';\nexport default function main({ event }) {\n  console.log('got', event.eventName, event.eventData);\n}"

describe("particle-api-js 12.0.3 → simulator: Logic", () => {
  it("executeLogic runs the code with the event and resolves { result }", async () => {
    const logic = {
      source: { type: "JavaScript", code },
      event: { event_name: "my-event", event_data: "my-event-data", product_id: 0, device_id: "" }
    }
    const r = await api.executeLogic({ logic, auth })
    expect(r.statusCode).toBe(200)
    expect(r.body.result).toMatchObject({
      status: "Success",
      logs: [{ level: "Info", args: ["got", "my-event", "my-event-data"] }]
    })
    expect(lastRequest()).toMatchObject({ method: "POST", path: "/v1/logic/execute", json: logic })
    const thrown = await api.executeLogic({
      logic: { source: { type: "JavaScript", code: "export default function main() { throw new Error('Error') }" } },
      auth
    })
    expect(thrown.body.result).toMatchObject({ status: "Exception", err: "Error: Error", logs: [] })
    const org = await api.executeLogic({ org: sim.seed.org.slug, logic, auth })
    expect(org.body.result.status).toBe("Success")
    expect(lastRequest().path).toBe(`/v1/orgs/${sim.seed.org.slug}/logic/execute`)
  })

  it("createLogicFunction / getLogicFunction / updateLogicFunction / listLogicFunctions / deleteLogicFunction", async () => {
    const logicFunction = {
      name: "LF1",
      description: "Logic Function 1 on SandBox",
      enabled: true,
      source: { type: "JavaScript", code },
      api_username: null,
      secrets: null,
      use_env: null,
      logic_triggers: [{ type: "Event", enabled: true, product_id: sim.seed.product.id, event_name: "temperature" }]
    }
    const created = await api.createLogicFunction({ logicFunction, auth })
    expect(created.statusCode).toBe(201)
    expect(lastRequest()).toMatchObject({
      method: "POST",
      path: "/v1/logic/functions",
      json: { logic_function: logicFunction }
    })
    const fn = created.body.logic_function
    expect(fn).toMatchObject({
      name: "LF1",
      version: 1,
      enabled: true,
      owner_id: `user:${sim.seed.user.id}`,
      logic_triggers: [{ type: "Event", event_name: "temperature", product_id: sim.seed.product.id }]
    })
    const got = await api.getLogicFunction({ logicFunctionId: fn.id, auth })
    expect([got.statusCode, got.body.logic_function.id]).toEqual([200, fn.id])
    const updated = await api.updateLogicFunction({
      logicFunctionId: fn.id,
      logicFunction: { ...logicFunction, description: "v2" },
      auth
    })
    expect(updated.statusCode).toBe(201)
    expect(updated.body.logic_function).toMatchObject({ version: 2, description: "v2" })
    expect(lastRequest()).toMatchObject({ method: "PUT", path: `/v1/logic/functions/${fn.id}` })
    const list = await api.listLogicFunctions({ todayStats: true, auth })
    expect(lastRequest().rawQuery).toBe("today_stats=true")
    expect(list.body.logic_functions).toEqual([
      expect.objectContaining({ id: fn.id, today_stats: { success: 0, failure: 0, timeout: 0 } })
    ])
    expect((await api.listLogicFunctions({ auth })).body.logic_functions[0].today_stats).toBeUndefined()
    const deleted = await api.deleteLogicFunction({ logicFunctionId: fn.id, auth })
    expect([deleted.statusCode, deleted.body]).toEqual([204, {}])
    const missing = await rejection(api.getLogicFunction({ logicFunctionId: fn.id, auth }))
    expect([missing.statusCode, missing.shortErrorDescription]).toEqual([404, "Logic function not found"])
    const syntax = await rejection(
      api.createLogicFunction({
        logicFunction: { name: "bad", source: { type: "JavaScript", code: "export default function (" } },
        auth
      })
    )
    expect(syntax.statusCode).toBe(400)
    expect(syntax.shortErrorDescription).toMatch(/^Validation error: : SyntaxError: /)
  })

  it("listLogicRuns / getLogicRun / getLogicRunLogs after an event runs the function", async () => {
    const created = await api.createLogicFunction({
      org: sim.seed.org.slug,
      logicFunction: {
        name: "org fn",
        source: { type: "JavaScript", code },
        logic_triggers: [{ type: "Event", event_name: "temperature", product_id: sim.seed.product.id }]
      },
      auth
    })
    const id = created.body.logic_function.id
    sim.publish({ deviceId: sim.seed.product.deviceIds[0]!, name: "temperature", data: "22.5" })
    let runs: Array<any> = []
    const deadline = Date.now() + 20_000
    while (runs.length === 0 && Date.now() < deadline) {
      runs = (await api.listLogicRuns({ org: sim.seed.org.slug, logicFunctionId: id, auth })).body.logic_runs
      if (runs.length === 0) await new Promise((r) => setTimeout(r, 20))
    }
    expect(lastRequest()).toMatchObject({
      method: "GET",
      path: `/v1/orgs/${sim.seed.org.slug}/logic/functions/${id}/runs`
    })
    expect(runs).toEqual([
      expect.objectContaining({
        logic_function_id: id,
        logic_trigger_type: "Event",
        status: "Success",
        owner_id: `org:${sim.seed.org.id}`
      })
    ])
    const run = await api.getLogicRun({ org: sim.seed.org.slug, logicFunctionId: id, logicRunId: runs[0].id, auth })
    expect(run.body.logic_run.id).toBe(runs[0].id)
    const logs = await api.getLogicRunLogs({
      org: sim.seed.org.slug,
      logicFunctionId: id,
      logicRunId: runs[0].id,
      auth
    })
    expect(lastRequest().path).toBe(`/v1/orgs/${sim.seed.org.slug}/logic/functions/${id}/runs/${runs[0].id}/logs`)
    expect(logs.body.logic_run_logs.logs).toEqual([{
      level: "Info",
      timestamp: expect.any(String),
      args: ["got", "temperature", "22.5"]
    }])
    const noRun = await rejection(api.getLogicRun({ logicFunctionId: id, logicRunId: runs[0].id, auth }))
    expect(noRun.statusCode).toBe(404)
  })
})
