import {
  createLogicFunction,
  deleteLogicFunction,
  getLogicFunction,
  listLogicFunctions,
  updateLogicFunction
} from "@effect-particle/logic"
import {
  asOtherUser,
  expectGet,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  TestLayer,
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"

const CODE = "export default function main({ event }) { console.log(event.eventName) }"
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const basic = { name: "basic", source: { type: "JavaScript" as const, code: CODE } }

layer(TestLayer)("logic functions", (it) => {
  // ---------------------------------------------------------------------------------- createLogicFunction
  it.effect("createLogicFunction: POST /v1/logic/functions with { logic_function } as given; 201 decoded and unwrapped", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const logicFunction = {
        name: "forward",
        description: "forwards temperatures",
        source: { type: "JavaScript" as const, code: CODE },
        logic_triggers: [
          { type: "Event" as const, event_name: "temperature", product_id: sim.seed.product.id },
          { type: "Scheduled" as const, cron: "*/5 * * * *", start_at: "2024-01-01T00:00:00.000Z" }
        ],
        secrets: ["API_KEY"],
        use_env: true,
        x_extra: "kept as particle-api-js would send it"
      }
      const created = yield* createLogicFunction({ logicFunction })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/logic/functions")
      assert.deepStrictEqual(request.json, { logic_function: logicFunction })
      assert.match(created.id, UUID)
      assert.strictEqual(created.owner_id, `user:${sim.seed.user.id}`)
      assert.strictEqual(created.version, 1)
      assert.isTrue(created.enabled)
      assert.strictEqual(created.name, "forward")
      assert.deepStrictEqual(created.source, { type: "JavaScript", code: CODE })
      assert.deepStrictEqual(created.secrets, ["API_KEY"])
      const [event, scheduled] = created.logic_triggers
      assert.strictEqual(event?.type, "Event")
      if (event?.type === "Event") {
        assert.strictEqual(event.event_name, "temperature")
        assert.strictEqual(event.product_id, sim.seed.product.id)
        assert.strictEqual(event.logic_function_id, created.id)
        assert.match(event.id, UUID)
      }
      assert.strictEqual(scheduled?.type, "Scheduled")
      if (scheduled?.type === "Scheduled") {
        assert.strictEqual(scheduled.cron, "*/5 * * * *")
        assert.isNull(scheduled.last_scheduled_at)
        const next = Date.parse(scheduled.next_unscheduled_at!)
        assert.isAbove(next, Date.now() - 1000)
        assert.strictEqual(new Date(next).getUTCMinutes() % 5, 0)
      }
    }))

  it.effect("createLogicFunction: code that does not parse, a bad cron, a product you cannot use are BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const syntax = expectTag(
        yield* Effect.flip(
          createLogicFunction({
            logicFunction: { name: "broken", source: { code: "export default function main( {" } }
          })
        ),
        "BadRequest"
      )
      assert.match(
        syntax.errorDescription ?? "",
        /^Validation error: : SyntaxError: .* at "logic_function\.source\.code"$/
      )
      const noDefault = expectTag(
        yield* Effect.flip(
          createLogicFunction({ logicFunction: { name: "x", source: { code: "function main() {}" } } })
        ),
        "BadRequest"
      )
      assert.match(noDefault.errorDescription ?? "", /default export/)
      const cron = expectTag(
        yield* Effect.flip(createLogicFunction({
          logicFunction: { ...basic, logic_triggers: [{ type: "Scheduled", cron: "every minute" }] }
        })),
        "BadRequest"
      )
      assert.match(cron.errorDescription ?? "", /logic_triggers\[0\]\.cron/)
      const product = expectTag(
        yield* Effect.flip(asOtherUser(createLogicFunction({
          logicFunction: {
            ...basic,
            logic_triggers: [{ type: "Event", event_name: "t", product_id: sim.seed.product.id }]
          }
        }))),
        "BadRequest"
      )
      assert.match(product.errorDescription ?? "", /product_id/)
    }))

  it.effect("createLogicFunction: at most 20 functions per sandbox; the org route; non-members get NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      for (let n = 0; n < 20; n++) yield* createLogicFunction({ logicFunction: { ...basic, name: `f${n}` } })
      const full = expectTag(yield* Effect.flip(createLogicFunction({ logicFunction: basic })), "BadRequest")
      assert.match(full.errorDescription ?? "", /20 logic functions/)
      sim.clearRequests()
      const inOrg = yield* createLogicFunction({ org: sim.seed.org.slug, logicFunction: basic })
      assert.strictEqual(only(sim).path, `/v1/orgs/${sim.seed.org.slug}/logic/functions`)
      assert.strictEqual(inOrg.owner_id, `org:${sim.seed.org.id}`)
      assert.strictEqual(inOrg.org_slug, sim.seed.org.slug)
      expectTag(
        yield* Effect.flip(asOtherUser(createLogicFunction({ org: sim.seed.org.slug, logicFunction: basic }))),
        "NotFound"
      )
      expectTag(yield* Effect.flip(withBadToken(createLogicFunction({ logicFunction: basic }))), "Unauthorized")
    }))

  it.effect("createLogicFunction: missing name or code, 6 triggers, an unknown trigger type are InvalidInput with no request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(
        createLogicFunction({ logicFunction: { name: "", source: { code: CODE } } }),
        "logicFunction.name"
      )
      yield* expectInvalid(
        createLogicFunction({ logicFunction: { name: "x", source: { code: "" } } }),
        "logicFunction.source.code"
      )
      const six = Array.from({ length: 6 }, () => ({ type: "Event" as const, event_name: "e" }))
      yield* expectInvalid(
        createLogicFunction({ logicFunction: { ...basic, logic_triggers: six } }),
        "logicFunction.logic_triggers"
      )
      const invalid = yield* Effect.flip(
        createLogicFunction({
          logicFunction: { ...basic, logic_triggers: [{ type: "Webhook" as "Event", event_name: "e" }] }
        })
      )
      assert.strictEqual(expectTag(invalid, "InvalidInput").field.startsWith("logicFunction.logic_triggers.0"), true)
      yield* expectInvalid(
        createLogicFunction({ logicFunction: { ...basic, source: { type: "Python" as "JavaScript", code: CODE } } }),
        "logicFunction.source.type"
      )
      yield* expectInvalid(createLogicFunction({ org: "no org", logicFunction: basic }), "org")
    }))

  // ------------------------------------------------------------------------------------- getLogicFunction
  it.effect("getLogicFunction: GET /v1/logic/functions/:id, unwrapped; another namespace's id is NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const created = yield* createLogicFunction({ logicFunction: basic })
      sim.clearRequests()
      const fn = yield* getLogicFunction({ logicFunctionId: created.id })
      assert.strictEqual(only(sim).method, "GET")
      expectGet(sim, `/v1/logic/functions/${created.id}`)
      assert.deepStrictEqual(fn, created)
      const missing = expectTag(
        yield* Effect.flip(getLogicFunction({ logicFunctionId: "5b8d1f25-0000-4000-8000-000000000000" })),
        "NotFound"
      )
      assert.strictEqual(missing.status, 404)
      expectTag(
        yield* Effect.flip(getLogicFunction({ org: sim.seed.org.slug, logicFunctionId: created.id })),
        "NotFound"
      )
      expectTag(yield* Effect.flip(asOtherUser(getLogicFunction({ logicFunctionId: created.id }))), "NotFound")
      yield* expectInvalid(getLogicFunction({ logicFunctionId: "" }), "logicFunctionId")
      faultOnce(sim, `/v1/logic/functions/${created.id}`, 200, { logic_function: { id: created.id } })
      expectTag(yield* Effect.flip(getLogicFunction({ logicFunctionId: created.id })), "DecodeError")
    }))

  // ---------------------------------------------------------------------------------- updateLogicFunction
  it.effect("updateLogicFunction: PUT with { logic_function }; the version moves on; a trigger sent with its id keeps it", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const created = yield* createLogicFunction({
        logicFunction: { ...basic, logic_triggers: [{ type: "Event", event_name: "old" }] }
      })
      const trigger = created.logic_triggers[0]!
      sim.clearRequests()
      const changes = {
        enabled: false,
        description: "paused",
        logic_triggers: [{ type: "Event" as const, event_name: "new", id: trigger.id }, {
          type: "Event" as const,
          event_name: "added"
        }]
      }
      const updated = yield* updateLogicFunction({ logicFunctionId: created.id, logicFunction: changes })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/logic/functions/${created.id}`)
      assert.deepStrictEqual(request.json, { logic_function: changes })
      assert.strictEqual(updated.version, 2)
      assert.isFalse(updated.enabled)
      assert.strictEqual(updated.description, "paused")
      assert.strictEqual(updated.source.code, CODE)
      assert.strictEqual(updated.logic_triggers[0]?.id, trigger.id)
      assert.notStrictEqual(updated.logic_triggers[1]?.id, trigger.id)
      assert.deepStrictEqual(updated.logic_triggers.map((t) => t.version), [2, 2])
      const broken = expectTag(
        yield* Effect.flip(
          updateLogicFunction({ logicFunctionId: created.id, logicFunction: { source: { code: "}{" } } })
        ),
        "BadRequest"
      )
      assert.match(broken.errorDescription ?? "", /SyntaxError/)
      assert.strictEqual((yield* getLogicFunction({ logicFunctionId: created.id })).version, 2)
      expectTag(
        yield* Effect.flip(
          updateLogicFunction({ logicFunctionId: "5b8d1f25-0000-4000-8000-000000000000", logicFunction: {} })
        ),
        "NotFound"
      )
      yield* expectInvalid(
        updateLogicFunction({ logicFunctionId: created.id, logicFunction: { name: "" } }),
        "logicFunction.name"
      )
    }))

  // ---------------------------------------------------------------------------------- deleteLogicFunction
  it.effect("deleteLogicFunction: DELETE answers 204 (void); the function is gone", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const created = yield* createLogicFunction({ logicFunction: basic })
      sim.clearRequests()
      assert.isUndefined(yield* deleteLogicFunction({ logicFunctionId: created.id }))
      assert.strictEqual(only(sim).method, "DELETE")
      assert.strictEqual(only(sim).path, `/v1/logic/functions/${created.id}`)
      expectTag(yield* Effect.flip(getLogicFunction({ logicFunctionId: created.id })), "NotFound")
      expectTag(yield* Effect.flip(deleteLogicFunction({ logicFunctionId: created.id })), "NotFound")
      yield* expectInvalid(deleteLogicFunction({ logicFunctionId: "" }), "logicFunctionId")
    }))

  // ----------------------------------------------------------------------------------- listLogicFunctions
  it.effect("listLogicFunctions: GET /v1/logic/functions, unwrapped; today_stats only when asked", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const a = yield* createLogicFunction({ logicFunction: { ...basic, name: "a" } })
      const b = yield* createLogicFunction({ logicFunction: { ...basic, name: "b" } })
      yield* createLogicFunction({ org: sim.seed.org.slug, logicFunction: { ...basic, name: "in the org" } })
      sim.clearRequests()
      const all = yield* listLogicFunctions()
      assert.strictEqual(only(sim).rawQuery, "")
      assert.deepStrictEqual(all.map((f) => f.id), [a.id, b.id])
      assert.isUndefined(all[0]!.today_stats)
      sim.clearRequests()
      const withStats = yield* listLogicFunctions({ todayStats: true })
      assert.strictEqual(only(sim).rawQuery, "today_stats=true")
      assert.deepStrictEqual(withStats[0]!.today_stats, { success: 0, failure: 0, timeout: 0 })
      sim.clearRequests()
      yield* listLogicFunctions({ todayStats: false })
      assert.strictEqual(only(sim).rawQuery, "today_stats=false")
      const org = yield* listLogicFunctions({ org: sim.seed.org.slug })
      assert.deepStrictEqual(org.map((f) => f.name), ["in the org"])
      expectTag(yield* Effect.flip(listLogicFunctions({ org: "no-such-org" })), "NotFound")
    }))
})
