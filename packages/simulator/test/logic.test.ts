import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { Simulator } from "../src/index.js"
import type { Services } from "../src/internal/context.js"
import { type MakeEvent, makeEvent } from "../src/internal/events.js"
import { logicOnEvent } from "../src/internal/routes/logic.js"
import { Store } from "../src/internal/store/index.js"
import { type Cron, nextRun, parseCron } from "../src/internal/store/logic-cron.js"
import { compile } from "../src/internal/store/logic-vm.js"
import { type LogicFunctionRecord, nextFire } from "../src/internal/store/logic.js"
import { call, openStream, type Sim, until } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start({ keepAliveIntervalMs: 200 })
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const execute = async (code: string, event?: Record<string, unknown>) => {
  const r = await call(sim, "POST", "/v1/logic/execute", {
    json: { source: { type: "JavaScript", code }, ...(event ? { event } : {}) }
  })
  expect(r.status).toBe(200)
  return r.json.result as {
    status: string
    err?: string
    logs: Array<{ level: string; timestamp: string; args: Array<unknown> }>
  }
}

const create = async (o: Record<string, unknown>) => {
  const r = await call(sim, "POST", "/v1/logic/functions", { json: { logic_function: { name: "f", ...o } } })
  expect(r.status, JSON.stringify(r.json)).toBe(201)
  return r.json.logic_function as { id: string; logic_triggers: Array<{ id: string }> }
}

const runsOf = async (id: string, count: number, timeoutMs = 20_000) => {
  let runs: Array<{ id: string; status: string; logic_trigger_type: string }> = []
  const deadline = Date.now() + timeoutMs
  while (runs.length < count && Date.now() < deadline) {
    runs = (await call(sim, "GET", `/v1/logic/functions/${id}/runs`)).json.logic_runs
    if (runs.length < count) await new Promise((r) => setTimeout(r, 20))
  }
  expect(runs.length).toBeGreaterThanOrEqual(count)
  return runs
}

describe("Logic: the code runs in node:vm, bounded", () => {
  it("context: event fields, functionInfo, trigger; no require, process, timers or eval", async () => {
    const r = await execute(
      "export default function main(ctx) { console.log(Object.keys(ctx).sort(), ctx.event, typeof require, typeof process, typeof setTimeout); eval('1') }",
      { event_name: "e", event_data: "d", device_id: "abc", product_id: "7", user_id: "u" }
    )
    expect(r.status).toBe("Exception")
    expect(r.err).toMatch(/^EvalError: /)
    const [keys, event, ...types] = r.logs[0]!.args as [Array<string>, Record<string, unknown>, ...Array<string>]
    expect(keys).toEqual(["env", "event", "functionInfo", "secrets", "trigger"])
    expect(event).toMatchObject({ eventName: "e", eventData: "d", deviceId: "abc", productId: 7, userId: "u" })
    expect(types).toEqual(["undefined", "undefined", "undefined"])
  })

  it("runs share nothing: each gets a fresh context (the workers are reused); no finalizers", async () => {
    expect(
      (await execute("export default function main() { globalThis.leak = 1; Object.prototype.polluted = 1 }")).status
    ).toBe("Success")
    for (let i = 0; i < 3; i++) {
      const r = await execute(
        "export default function main() { console.log(typeof globalThis.leak, ({}).polluted, typeof FinalizationRegistry, typeof WeakRef) }"
      )
      expect(r.logs[0]!.args).toEqual(["undefined", "undefined", "undefined", "undefined"])
    }
  })

  it("module forms: named, anonymous, arrow and async default exports; named imports of particle:core", async () => {
    for (
      const code of [
        "export default function main() { console.log(1) }",
        "export default function () { console.log(1) }",
        "export default () => console.log(1)",
        "export default async function main() { await Promise.resolve(); console.log(1) }",
        "import { publish as p, MERGE } from 'particle:core'\nexport const x = 1\nexport default function main() { console.log(typeof p === 'function' && MERGE === 'Merge' ? 1 : 0) }",
        "import * as P from 'particle:core'\nfunction helper() { return 1 }\nexport default function main() { console.log(P.REPLACE === 'Replace' ? helper() : 0) }"
      ]
    ) {
      const r = await execute(code)
      expect([code, r.status, r.logs.map((l) => l.args)]).toEqual([code, "Success", [[1]]])
    }
  })

  it("endless loops (sync, microtasks), a promise that never settles: Timeout; the simulator keeps answering", async () => {
    const sync = await execute("export default function main() { while (true) {} }")
    expect(sync).toMatchObject({ status: "Timeout" })
    expect(sync.err).toMatch(/^Timeout: the function ran longer than 1000 ms$/)
    const micro = await execute("export default async function main() { for (;;) await null }")
    expect(micro.status).toBe("Timeout")
    const pending = await execute("export default function main() { return new Promise(() => {}) }")
    expect(pending).toMatchObject({ status: "Timeout", err: "Timeout: the function's promise never settled" })
    expect((await call(sim, "GET", "/v1/devices")).status).toBe(200)
  })

  it("a memory bomb ends its run and the simulator survives; top-level throws and non-functions are Exceptions", async () => {
    const bomb = await execute(
      "export default function main() { const a = []; for (;;) a.push(new Array(1e5).fill(a.length)) }"
    )
    // which bound it meets first, the heap or the time limit, depends on how fast the machine allocates
    if (bomb.status === "Exception") expect(bomb.err).toBe("RangeError: the function ran out of memory")
    else expect(bomb.status).toBe("Timeout")
    expect((await execute("throw new Error('at load')\nexport default function main() {}")).err).toBe("Error: at load")
    expect((await execute("export default 42")).err).toBe("TypeError: the default export is not a function")
    expect((await execute("export default function main() { throw 'a string' }")).err).toBe("a string")
    expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
  })

  it("logs are bounded: at most 100 entries, long ones cut; at most 10 publishes a run", async () => {
    const many = await execute("export default function main() { for (let i = 0; i < 150; i++) console.log(i) }")
    expect(many.logs).toHaveLength(100)
    expect(many.logs[99]!.args).toEqual([99])
    const long = await execute("export default function main() { console.log('x'.repeat(10000)) }")
    expect(JSON.stringify(long.logs[0]!.args).length).toBeLessThan(4200)
    const publishes = await execute(
      "import Particle from 'particle:core'\nexport default function main() { for (let i = 0; i < 11; i++) Particle.publish('p', String(i)) }"
    )
    expect(publishes.status).toBe("Exception")
    expect(publishes.err).toMatch(/Too many events published by one run/)
    expect(
      (await execute(
        "import Particle from 'particle:core'\nexport default async function main() { await Particle.listDevices(4242) }"
      )).err
    ).toBe("Error: Particle.listDevices is not available in the simulator")
    expect((await execute("import E from 'particle:encoding'\nexport default function main() { E.toBase64('x') }")).err)
      .toBe("Error: particle:encoding is not available in the simulator")
  })

  it("Particle.publish reaches the event streams; events Logic publishes trigger no Logic", async () => {
    const stream = await openStream(sim, "/v1/devices/events/logic-")
    try {
      const forwarder = await create({
        source: {
          code:
            "import Particle from 'particle:core'\nexport default function main({ event }) { Particle.publish('logic-out', event.eventData + '!') }"
        },
        logic_triggers: [{ type: "Event", event_name: "input" }]
      })
      const listener = await create({
        source: { code: "export default function main() {}" },
        logic_triggers: [{ type: "Event", event_name: "logic-" }]
      })
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "input", data: "hello" })
      const text = await stream.waitFor((t) => t.includes("hello!"), 15_000)
      expect(text).toMatch(/event: logic-out\ndata: \{"data":"hello!",.*"coreid":"5f0000000000000000000001"/)
      expect(await runsOf(forwarder.id, 1)).toHaveLength(1)
      await new Promise((r) => setTimeout(r, 200))
      expect((await call(sim, "GET", `/v1/logic/functions/${listener.id}/runs`)).json.logic_runs).toEqual([])
    } finally {
      stream.close()
    }
  })

  it("a burst of events is bounded: two runs at a time, 50 waiting, the rest refused; the simulator answers throughout", async () => {
    const fn = await create({
      source: { code: "export default function main() {}" },
      logic_triggers: [{ type: "Event", event_name: "burst" }]
    })
    for (let i = 0; i < 200; i++) sim.publish({ deviceId: sim.seed.devices.online.id, name: "burst", data: String(i) })
    expect((await call(sim, "GET", "/v1/devices")).status).toBe(200)
    const runs = await runsOf(fn.id, 52, 60_000)
    await new Promise((r) => setTimeout(r, 300))
    const after = (await call(sim, "GET", `/v1/logic/functions/${fn.id}/runs`)).json.logic_runs
    expect(runs.length).toBeLessThanOrEqual(52)
    expect(after.length).toBe(runs.length)
    const stats = (await call(sim, "GET", `/v1/logic/functions/${fn.id}/stats`)).json.logic_function_stats
    // every run is counted once, whatever its outcome
    expect(stats[0].success + stats[0].failure + stats[0].timeout).toBe(after.length)
  })

  it("a function deleted while its run waits records nothing; a reset while a run loops does not break the simulator", async () => {
    const fn = await create({
      source: { code: "export default function main() {}" },
      logic_triggers: [{ type: "Event", event_name: "x" }]
    })
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "x" })
    expect((await call(sim, "DELETE", `/v1/logic/functions/${fn.id}`)).status).toBe(204)
    const looping = call(sim, "POST", "/v1/logic/execute", {
      json: { source: { code: "export default function main() { for (;;) {} }" } }
    })
    sim.reset()
    expect((await looping).json.result.status).toBe("Timeout")
    expect((await call(sim, "GET", "/v1/logic/functions")).json).toEqual({ logic_functions: [] })
  })
})

describe("Logic: the store's bounds", () => {
  it("keeps the newest 100 runs of a function; the run queue refuses work beyond its capacity", async () => {
    const store = new Store()
    const fn = { id: "fn", namespace: "user:u" } as LogicFunctionRecord
    store.logic.add(fn)
    for (let i = 0; i < 105; i++) {
      store.logic.recordRun(fn, {
        id: `r${i}`,
        owner_id: "user:u",
        logic_function_id: "fn",
        logic_trigger_type: "Event",
        logic_trigger_id: "t",
        status: i % 2 === 0 ? "Success" : "Failure",
        started_at: new Date().toISOString(),
        finished_at: new Date().toISOString(),
        log_filename: "",
        logs: []
      })
    }
    const runs = store.logic.runsOf(fn)
    expect(runs).toHaveLength(100)
    expect([runs[0]!.id, runs[99]!.id]).toEqual(["r104", "r5"])
    expect(store.logic.today(fn)).toEqual({ success: 53, failure: 52, timeout: 0 })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const accepted = Array.from({ length: 60 }, () => store.logic.queue.enqueue(() => gate))
    expect(accepted.filter(Boolean)).toHaveLength(52)
    expect(store.logic.queue.size).toBe(52)
    release()
    await until(() => store.logic.queue.size === 0)
  })
})

describe("Logic: the API's answers", () => {
  it("create validates the body: 400 invalid_request bodies naming the field", async () => {
    const missing = await call(sim, "POST", "/v1/logic/functions", { json: {} })
    expect(missing.status).toBe(400)
    expect(missing.json).toEqual({
      error: "invalid_request",
      error_description: "Validation error: : Is required at \"logic_function\""
    })
    const syntax = await call(sim, "POST", "/v1/logic/functions", {
      json: { logic_function: { name: "x", source: { code: "export default function (" } } }
    })
    expect(syntax.json.error_description).toMatch(
      /^Validation error: : SyntaxError: .* at "logic_function\.source\.code"$/
    )
    const six = Array.from({ length: 6 }, () => ({ type: "Event", event_name: "e" }))
    const tooMany = await call(sim, "POST", "/v1/logic/functions", {
      json: { logic_function: { name: "x", source: { code: "export default () => 1" }, logic_triggers: six } }
    })
    expect(tooMany.json.error_description).toBe(
      "Validation error: : Must contain at most 5 items at \"logic_function.logic_triggers\""
    )
    const cron = await call(sim, "POST", "/v1/logic/functions", {
      json: {
        logic_function: {
          name: "x",
          source: { code: "export default () => 1" },
          logic_triggers: [{ type: "Scheduled", cron: "0 0 0 0 0" }]
        }
      }
    })
    expect(cron.json.error_description).toMatch(
      /^Validation error: : Invalid cron expression: value out of range in "0" \(1-31\) at "logic_function\.logic_triggers\[0\]\.cron"$/
    )
    const empty = await call(sim, "POST", "/v1/logic/execute", { json: { source: {} } })
    expect(empty.json).toEqual({
      error: "invalid_request",
      error_description: "Validation error: : Is required at \"source.code\""
    })
  })

  it("documented statuses: create 201, update 201, delete 204; unknown ids 404; run logs in the docs' envelope", async () => {
    const fn = await create({
      source: { code: "export default function main() { console.log('hi') }" },
      logic_triggers: [{ type: "Event", event_name: "go" }]
    })
    const put = await call(sim, "PUT", `/v1/logic/functions/${fn.id}`, {
      json: { logic_function: { description: "d" } }
    })
    expect([put.status, put.json.logic_function.version, put.json.logic_function.today_stats]).toEqual([201, 2, {
      success: 0,
      failure: 0,
      timeout: 0
    }])
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "go" })
    const [run] = await runsOf(fn.id, 1)
    const logs = await call(sim, "GET", `/v1/logic/functions/${fn.id}/runs/${run!.id}/logs`)
    expect(logs.json).toEqual({
      logic_run_logs: { logs: [{ level: "Info", timestamp: expect.any(String), args: ["hi"] }] }
    })
    const one = await call(sim, "GET", `/v1/logic/functions/${fn.id}/runs/${run!.id}`)
    expect(one.json.logic_run.log_filename).toMatch(
      new RegExp(
        `^user:${sim.seed.user.id}/function-${fn.id}/Event-${fn.logic_triggers[0]!.id}/\\d+:\\d+_${run!.id}\\.json$`
      )
    )
    expect(one.json.logic_run.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
    const del = await call(sim, "DELETE", `/v1/logic/functions/${fn.id}`)
    expect([del.status, del.text]).toEqual([204, ""])
    expect((await call(sim, "GET", `/v1/logic/functions/${fn.id}`)).json).toEqual({
      error: "not_found",
      error_description: "Logic function not found"
    })
    expect(
      (await call(sim, "GET", `/v1/orgs/${sim.seed.org.slug}/logic/functions`, {
        token: sim.seed.otherUser.accessToken
      })).status
    ).toBe(404)
  })
})

describe("Logic: scheduled triggers", () => {
  const cron = (e: string): Cron => {
    const c = parseCron(e)
    if (typeof c === "string") throw new Error(c)
    return c
  }
  const at = (iso: string) => Date.parse(iso)
  const next = (e: string, after: string) => {
    const n = nextRun(cron(e), at(after))
    return n === undefined ? undefined : new Date(n).toISOString()
  }

  it("cron: steps, ranges, lists, names, the day-of-month / day-of-week rule; impossible dates never run", () => {
    expect(next("*/15 * * * *", "2024-05-01T10:07:30Z")).toBe("2024-05-01T10:15:00.000Z")
    expect(next("* * * * *", "2024-05-01T10:07:00Z")).toBe("2024-05-01T10:08:00.000Z")
    expect(next("0 9 * * 1-5", "2024-05-03T09:00:00Z")).toBe("2024-05-06T09:00:00.000Z") // Friday → Monday
    expect(next("30 12 * JAN mon", "2024-05-01T00:00:00Z")).toBe("2025-01-06T12:30:00.000Z")
    expect(next("0 0 1,15 * *", "2024-05-02T00:00:00Z")).toBe("2024-05-15T00:00:00.000Z")
    expect(next("0 0 13 * 5", "2024-09-01T00:00:00Z")).toBe("2024-09-06T00:00:00.000Z") // the 13th or any Friday
    expect(next("0 0 * * 7", "2024-05-01T00:00:00Z")).toBe("2024-05-05T00:00:00.000Z") // 7 is Sunday
    expect(next("0 0 31 2 *", "2024-01-01T00:00:00Z")).toBeUndefined()
    for (
      const bad of [
        "* * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "* * * * 8",
        "*/0 * * * *",
        "a b c d e",
        "5-1 * * * *"
      ]
    ) {
      expect(typeof parseCron(bad), bad).toBe("string")
    }
  })

  it("next fire respects start_at and end_at", () => {
    const t = {
      id: "t",
      type: "Scheduled" as const,
      enabled: true,
      version: 1,
      cron: "0 * * * *",
      cronParsed: cron("0 * * * *"),
      start_at: "2024-05-01T12:30:00.000Z",
      end_at: "2024-05-01T14:00:00.000Z"
    }
    expect(nextFire(t, at("2024-05-01T00:00:00Z"))).toBe(at("2024-05-01T13:00:00Z"))
    expect(nextFire(t, at("2024-05-01T13:00:00Z"))).toBe(at("2024-05-01T14:00:00Z"))
    expect(nextFire(t, at("2024-05-01T14:00:00Z"))).toBeUndefined()
  })

  describe("runs when due (checked on every Logic request and event), missed occurrences once", () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it("a due trigger starts one run with context.scheduled; the schedule moves on", async () => {
      const store = new Store()
      const published: Array<MakeEvent> = []
      const services = {
        store,
        url: "http://127.0.0.1:0",
        deviceTimeoutMs: 0,
        maxFunctionArgLength: 622,
        publish: (e: MakeEvent) => {
          published.push(e)
        },
        openStream: () => {
          throw new Error("no streams here")
        }
      } as unknown as Services
      const compiled = compile(
        "export default function main({ scheduled, event }) { console.log(scheduled.scheduledAt, typeof event) }"
      )
      if ("error" in compiled) throw new Error(compiled.error)
      const start = Date.now()
      const trigger = {
        id: "trigger-1",
        type: "Scheduled" as const,
        enabled: true,
        version: 1,
        cron: "* * * * *",
        cronParsed: cron("* * * * *"),
        start_at: new Date(start).toISOString(),
        end_at: null,
        last_scheduled_at: null as string | null
      }
      const fn: LogicFunctionRecord = {
        id: "fn-1",
        namespace: "user:u1",
        ownerId: "user:u1",
        ownerUsername: "demo@particle.sim",
        version: 1,
        enabled: true,
        name: "cron",
        description: "",
        template_slug: null,
        code: "",
        script: compiled.script,
        created_at: "",
        updated_at: "",
        created_by: "",
        updated_by: "",
        triggers: [{ ...trigger, nextAt: nextFire(trigger, start) }],
        api_username: null,
        secrets: null,
        use_env: null
      }
      store.logic.add(fn)
      const firstAt = fn.triggers[0]!.nextAt!
      logicOnEvent(services, makeEvent({ name: "unrelated" }))
      expect(store.logic.runsOf(fn)).toEqual([]) // not due yet
      vi.useFakeTimers({ toFake: ["Date"], now: firstAt + 10 * 60_000 }) // ten occurrences missed
      logicOnEvent(services, makeEvent({ name: "unrelated" }))
      expect(fn.triggers[0]!.last_scheduled_at).toBe(new Date(firstAt).toISOString())
      expect(fn.triggers[0]!.nextAt).toBe(firstAt + 11 * 60_000)
      logicOnEvent(services, makeEvent({ name: "unrelated" })) // the same minute: nothing more
      vi.useRealTimers()
      await until(() => store.logic.runsOf(fn).length > 0, 20_000)
      await new Promise((r) => setTimeout(r, 200))
      const runs = store.logic.runsOf(fn)
      expect(runs).toHaveLength(1)
      expect(runs[0]).toMatchObject({
        status: "Success",
        logic_trigger_type: "Scheduled",
        logic_trigger_id: "trigger-1"
      })
      expect(runs[0]!.logs[0]!.args).toEqual([new Date(firstAt).toISOString(), "undefined"])
      expect(published).toEqual([])
    })
  })

  it("created scheduled triggers are stored and listed with their next time", async () => {
    const fn = await create({
      source: { code: "export default () => 1" },
      logic_triggers: [{ type: "Scheduled", cron: "0 12 * * *", end_at: "2099-01-01T00:00:00Z" }]
    })
    const got = (await call(sim, "GET", `/v1/logic/functions/${fn.id}`)).json.logic_function.logic_triggers[0]
    expect(got).toMatchObject({
      type: "Scheduled",
      cron: "0 12 * * *",
      end_at: "2099-01-01T00:00:00.000Z",
      last_scheduled_at: null
    })
    expect(new Date(got.next_unscheduled_at).getUTCHours()).toBe(12)
    const ended = await create({
      source: { code: "export default () => 1" },
      logic_triggers: [{
        type: "Scheduled",
        cron: "* * * * *",
        start_at: "2020-01-01T00:00:00Z",
        end_at: "2020-01-02T00:00:00Z"
      }]
    })
    expect(
      (await call(sim, "GET", `/v1/logic/functions/${ended.id}`)).json.logic_function.logic_triggers[0]
        .next_unscheduled_at
    ).toBeNull()
  })
})
