import type { Logic } from "@effect-particle/logic"
import {
  createLogicFunction,
  executeLogic,
  getLogicFunctionStats,
  getLogicRun,
  getLogicRunLogs,
  listLogicFunctions,
  listLogicRuns,
  updateLogicFunction
} from "@effect-particle/logic"
import {
  expectGet,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  realSleep,
  type Sim,
  TestLayer
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"

/** Polls `listLogicRuns` (in real time) until the function has `count` runs; runs finish asynchronously. */
const runsOf = (logicFunctionId: string, count: number) =>
  Effect.gen(function*() {
    const deadline = Date.now() + 20_000
    while (true) {
      const runs = yield* listLogicRuns({ logicFunctionId })
      if (runs.length >= count) return runs
      if (Date.now() > deadline) return yield* Effect.dieMessage(`expected ${count} runs, got ${runs.length}`)
      yield* realSleep(20)
    }
  })

const http = (sim: Sim, method: string, path: string, body?: unknown) =>
  Effect.promise(() =>
    fetch(sim.url + path, {
      method,
      headers: { authorization: `Bearer ${sim.accessToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    }).then(async (r) => ({ status: r.status, json: await r.json().catch(() => undefined) as any }))
  )

const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, "")

layer(TestLayer)("logic runs", (it) => {
  // ----------------------------------------------------------------------------------------- executeLogic
  it.effect("executeLogic: POST /v1/logic/execute with the logic object as is; the code runs with the event; logs come back", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const logic = {
        source: {
          type: "JavaScript" as const,
          code: [
            "import Particle from 'particle:core'",
            "export default function main({ event, functionInfo }) {",
            "  console.log('got', event.eventName, event.eventData, event.deviceId, event.productId)",
            "  console.warn({ owner: functionInfo.ownerId })",
            "  console.error(Particle.getContext().event.eventName)",
            "}"
          ].join("\n")
        },
        event: {
          event_name: "temperature",
          event_data: "21.5",
          device_id: sim.seed.devices.online.id,
          product_id: 4242
        }
      }
      const result = yield* executeLogic({ logic })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/logic/execute")
      assert.deepStrictEqual(request.json, logic)
      assert.strictEqual(result.status, "Success")
      assert.isUndefined(result.err)
      assert.deepStrictEqual(result.logs.map((l) => [l.level, l.args]), [
        ["Info", ["got", "temperature", "21.5", sim.seed.devices.online.id, 4242]],
        ["Warning", [{ owner: `user:${sim.seed.user.id}` }]],
        ["Error", ["temperature"]]
      ])
      for (const l of result.logs) assert.isFalse(Number.isNaN(Date.parse(l.timestamp)))
      // execute records nothing
      assert.deepStrictEqual(yield* listLogicFunctions(), [])
    }))

  it.effect("executeLogic: a throw is Exception with err; an endless loop is stopped as Timeout; code that does not parse is Exception", () =>
    Effect.gen(function*() {
      yield* fresh
      const thrown = yield* executeLogic({
        logic: {
          source: {
            code:
              "export default async function main() { console.log('before'); await null; throw new TypeError('boom') }"
          }
        }
      })
      assert.strictEqual(thrown.status, "Exception")
      assert.strictEqual(thrown.err, "TypeError: boom")
      assert.deepStrictEqual(thrown.logs.map((l) => l.args), [["before"]])
      const looping = yield* executeLogic({
        logic: { source: { code: "export default function main() { for (;;) {} }" } }
      })
      assert.strictEqual(looping.status, "Timeout")
      assert.match(looping.err ?? "", /longer than \d+ ms/)
      const broken = yield* executeLogic({ logic: { source: { code: "export default function main( {" } } })
      assert.strictEqual(broken.status, "Exception")
      assert.match(broken.err ?? "", /^SyntaxError: /)
      const unknownModule = yield* executeLogic({
        logic: { source: { code: "import fs from 'node:fs'\nexport default function main() {}" } }
      })
      assert.strictEqual(unknownModule.err, "Error: Cannot find module 'node:fs'")
      const noRequire = yield* executeLogic({
        logic: {
          source: {
            code: "export default function main() { return typeof require + typeof process + typeof setTimeout }"
          }
        }
      })
      assert.strictEqual(noRequire.status, "Success")
    }))

  it.effect("executeLogic: Particle.ledger writes for real; the org route; bad input is InvalidInput; a 400 is BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      assert.strictEqual(
        (yield* http(sim, "POST", "/v1/ledgers", { ledger: { name: "counters", scope: "Owner" } })).status,
        201
      )
      const code = "import Particle from 'particle:core'\n" +
        "export default function main() { const l = Particle.ledger('counters'); l.set({ n: (l.get().data.n ?? 0) + 1 }, Particle.MERGE) }"
      for (let n = 0; n < 2; n++) {
        assert.strictEqual((yield* executeLogic({ logic: { source: { code } } })).status, "Success")
      }
      const instance = yield* http(sim, "GET", `/v1/ledgers/counters/instances/${sim.seed.user.id}`)
      assert.deepStrictEqual(instance.json.instance.data, { n: 2 })
      sim.clearRequests()
      const inOrg = yield* executeLogic({
        org: sim.seed.org.slug,
        logic: { source: { code: "export default () => 1" } }
      })
      assert.strictEqual(only(sim).path, `/v1/orgs/${sim.seed.org.slug}/logic/execute`)
      assert.strictEqual(inOrg.status, "Success")
      yield* expectInvalid(executeLogic({ logic: { source: { code: "" } } }), "logic.source.code")
      expectTag(yield* Effect.flip(executeLogic({ org: "no-such-org", logic: { source: { code: "x" } } })), "NotFound")
      faultOnce(sim, "/v1/logic/execute", 400, { error: "invalid_request", error_description: "Validation error" })
      expectTag(yield* Effect.flip(executeLogic({ logic: { source: { code: "x" } } })), "BadRequest")
    }))

  // ------------------------------------------------------------------------- runs started by events
  it.effect("an event published in the simulator runs an enabled Event trigger; the run and its logs are read back", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = sim.seed.devices.online.id
      const fn = yield* createLogicFunction({
        logicFunction: {
          name: "log temperatures",
          source: {
            code:
              "export default function main({ event, trigger }) { console.log(event.eventName, event.eventData, event.deviceId, typeof trigger.triggerEventId) }"
          },
          logic_triggers: [{ type: "Event", event_name: "temp" }]
        }
      })
      sim.publish({ deviceId: device, name: "humidity", data: "40" }) // no trigger matches
      sim.publish({ deviceId: device, name: "temperature", data: "21" })
      const [run] = yield* runsOf(fn.id, 1)
      assert.strictEqual(run!.status, "Success")
      assert.strictEqual(run!.logic_trigger_type, "Event")
      assert.strictEqual(run!.logic_trigger_id, fn.logic_triggers[0]!.id)
      assert.strictEqual(run!.logic_function_id, fn.id)
      assert.strictEqual(run!.owner_id, `user:${sim.seed.user.id}`)
      assert.isAtLeast(Date.parse(run!.finished_at!), Date.parse(run!.started_at))
      sim.clearRequests()
      const one = yield* getLogicRun({ logicFunctionId: fn.id, logicRunId: run!.id })
      expectGet(sim, `/v1/logic/functions/${fn.id}/runs/${run!.id}`)
      assert.deepStrictEqual(one, run)
      sim.clearRequests()
      const logs = yield* getLogicRunLogs({ logicFunctionId: fn.id, logicRunId: run!.id })
      expectGet(sim, `/v1/logic/functions/${fn.id}/runs/${run!.id}/logs`)
      assert.deepStrictEqual(logs.map((l) => [l.level, l.args]), [["Info", ["temperature", "21", device, "string"]]])
      assert.strictEqual((yield* listLogicRuns({ logicFunctionId: fn.id })).length, 1)
    }))

  it.effect("a product trigger runs only for that product's events; disabled triggers and functions do not run", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const code = "export default function main({ event }) { console.log(event.productId) }"
      const product = yield* createLogicFunction({
        logicFunction: {
          name: "product",
          source: { code },
          logic_triggers: [{ type: "Event", event_name: "status", product_id: sim.seed.product.id }]
        }
      })
      const disabledTrigger = yield* createLogicFunction({
        logicFunction: {
          name: "off trigger",
          source: { code },
          logic_triggers: [{ type: "Event", event_name: "status", enabled: false }]
        }
      })
      const disabledFunction = yield* createLogicFunction({
        logicFunction: {
          name: "off",
          enabled: false,
          source: { code },
          logic_triggers: [{ type: "Event", event_name: "status" }]
        }
      })
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "status", data: "developer device" })
      sim.publish({ deviceId: sim.seed.product.deviceIds[1]!, name: "status", data: "fleet" })
      const runs = yield* runsOf(product.id, 1)
      const logs = yield* getLogicRunLogs({ logicFunctionId: product.id, logicRunId: runs[0]!.id })
      assert.deepStrictEqual(logs[0]?.args, [sim.seed.product.id])
      yield* realSleep(200)
      assert.strictEqual((yield* listLogicRuns({ logicFunctionId: product.id })).length, 1)
      assert.deepStrictEqual(yield* listLogicRuns({ logicFunctionId: disabledTrigger.id }), [])
      assert.deepStrictEqual(yield* listLogicRuns({ logicFunctionId: disabledFunction.id }), [])
      // enabled again, it runs
      yield* updateLogicFunction({ logicFunctionId: disabledFunction.id, logicFunction: { enabled: true } })
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "status", data: "now" })
      yield* runsOf(disabledFunction.id, 1)
    }))

  it.effect("failed and timed-out runs are recorded with the error in their logs; stats count them", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const flaky = yield* createLogicFunction({
        logicFunction: {
          name: "flaky",
          source: {
            code:
              "export default function main({ event }) { if (event.eventData === 'loop') for (;;) {} ; if (event.eventData === 'fail') throw new Error('boom'); console.log('ok') }"
          },
          logic_triggers: [{ type: "Event", event_name: "job" }]
        }
      })
      for (const data of ["fail", "ok", "loop"]) {
        sim.publish({ deviceId: sim.seed.devices.online.id, name: "job", data })
      }
      const runs: ReadonlyArray<Logic.LogicRun> = yield* runsOf(flaky.id, 3)
      assert.deepStrictEqual(runs.map((r) => r.status).sort(), ["Failure", "Success", "Timeout"])
      const failed = runs.find((r) => r.status === "Failure")!
      const failedLogs = yield* getLogicRunLogs({ logicFunctionId: flaky.id, logicRunId: failed.id })
      assert.deepStrictEqual(failedLogs.map((l) => [l.level, l.args]), [["Error", ["Error: boom"]]])
      const timedOut = runs.find((r) => r.status === "Timeout")!
      const timeoutLogs = yield* getLogicRunLogs({ logicFunctionId: flaky.id, logicRunId: timedOut.id })
      assert.match(String(timeoutLogs.at(-1)?.args[0]), /^Timeout: /)
      sim.clearRequests()
      const stats = yield* getLogicFunctionStats({ logicFunctionId: flaky.id })
      expectGet(sim, `/v1/logic/functions/${flaky.id}/stats`)
      assert.deepStrictEqual(stats, [{ date: today(), success: 1, failure: 1, timeout: 1 }])
      const [listed] = yield* listLogicFunctions({ todayStats: true })
      assert.deepStrictEqual(listed?.today_stats, { success: 1, failure: 1, timeout: 1 })
    }))

  it.effect("a run sees the secrets it declares and the sandbox's environment variables", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      assert.strictEqual((yield* http(sim, "PUT", "/v1/secrets/API_KEY", { secret: { value: "k-123" } })).status, 201)
      assert.strictEqual((yield* http(sim, "PUT", "/v1/env/REGION", { value: "eu" })).status, 200)
      const fn = yield* createLogicFunction({
        logicFunction: {
          name: "context",
          source: {
            code:
              "export default function main({ secrets, env }) { console.log(secrets.API_KEY.length, secrets.MISSING, env.REGION) }"
          },
          secrets: ["API_KEY", "MISSING"],
          logic_triggers: [{ type: "Event", event_name: "go" }]
        }
      })
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "go" })
      const [run] = yield* runsOf(fn.id, 1)
      const logs = yield* getLogicRunLogs({ logicFunctionId: fn.id, logicRunId: run!.id })
      assert.deepStrictEqual(logs[0]?.args, [5, null, "eu"])
      const secret = yield* http(sim, "GET", "/v1/secrets/API_KEY")
      assert.isString(secret.json.secret.last_accessed_at)
    }))

  // ----------------------------------------------------------------------------------- errors of runs
  it.effect("listLogicRuns / getLogicRun / getLogicRunLogs / getLogicFunctionStats: NotFound, InvalidInput; the logs' other shape decodes", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const fn = yield* createLogicFunction({
        logicFunction: { name: "f", source: { code: "export default () => 1" } }
      })
      const missing = "5b8d1f25-0000-4000-8000-000000000000"
      expectTag(yield* Effect.flip(listLogicRuns({ logicFunctionId: missing })), "NotFound")
      expectTag(yield* Effect.flip(getLogicRun({ logicFunctionId: fn.id, logicRunId: missing })), "NotFound")
      expectTag(yield* Effect.flip(getLogicRunLogs({ logicFunctionId: fn.id, logicRunId: missing })), "NotFound")
      expectTag(yield* Effect.flip(getLogicFunctionStats({ logicFunctionId: missing })), "NotFound")
      assert.deepStrictEqual(yield* getLogicFunctionStats({ logicFunctionId: fn.id }), [])
      sim.clearRequests()
      yield* listLogicRuns({ org: sim.seed.org.slug, logicFunctionId: fn.id }).pipe(Effect.flip)
      expectGet(sim, `/v1/orgs/${sim.seed.org.slug}/logic/functions/${fn.id}/runs`)
      yield* expectInvalid(getLogicRun({ logicFunctionId: fn.id, logicRunId: "" }), "logicRunId")
      yield* expectInvalid(getLogicRunLogs({ logicFunctionId: "", logicRunId: "x" }), "logicFunctionId")
      const path = `/v1/logic/functions/${fn.id}/runs/r1/logs`
      faultOnce(sim, path, 200, { logs: [{ level: "Info", timestamp: "2024-01-01T00:00:00Z", args: ["flat"] }] })
      assert.deepStrictEqual(
        (yield* getLogicRunLogs({ logicFunctionId: fn.id, logicRunId: "r1" })).map((l) => l.args),
        [["flat"]]
      )
      faultOnce(sim, path, 200, { nothing: true })
      expectTag(yield* Effect.flip(getLogicRunLogs({ logicFunctionId: fn.id, logicRunId: "r1" })), "DecodeError")
    }))
})
