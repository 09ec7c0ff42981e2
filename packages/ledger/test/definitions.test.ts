import {
  archiveLedger,
  createLedger,
  getLedger,
  listLedgers,
  setLedgerInstance,
  streamLedgers,
  updateLedger
} from "@effect-particle/ledger"
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
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

const contentType = (r: { readonly contentType: string | undefined }) => (r.contentType ?? "").split(";")[0]

layer(TestLayer)("ledger definitions", (it) => {
  // ----------------------------------------------------------------------------------------- createLedger
  it.effect("createLedger: POST /v1/ledgers with { ledger } as particle-api-js sends it; 201 decoded and unwrapped", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const ledger = yield* createLedger({
        ledger: { name: "device-config", scope: "Device", direction: "Downstream", description: "settings" }
      })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/ledgers")
      assert.strictEqual(request.rawQuery, "")
      assert.strictEqual(contentType(request), "application/json")
      assert.deepStrictEqual(request.json, {
        ledger: { name: "device-config", scope: "Device", direction: "Downstream", description: "settings" }
      })
      assert.strictEqual(ledger.name, "device-config")
      assert.strictEqual(ledger.scope, "Device")
      assert.strictEqual(ledger.direction, "Downstream")
      assert.strictEqual(ledger.description, "settings")
      assert.isNull(ledger.archived_at)
      assert.isFalse(Number.isNaN(Date.parse(ledger.created_at)))
    }))

  it.effect("createLedger: the org route; direction defaults to Downstream; a taken name is Conflict (409)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const ledger = yield* createLedger({ org: sim.seed.org.slug, ledger: { name: "fleet", scope: "Product" } })
      assert.strictEqual(only(sim).path, `/v1/orgs/${sim.seed.org.slug}/ledgers`)
      assert.deepStrictEqual(only(sim).json, { ledger: { name: "fleet", scope: "Product" } })
      assert.strictEqual(ledger.direction, "Downstream")
      const taken = expectTag(
        yield* Effect.flip(createLedger({ org: sim.seed.org.slug, ledger: { name: "fleet", scope: "Owner" } })),
        "Conflict"
      )
      assert.strictEqual(taken.status, 409)
      assert.match(taken.message, /already exists/)
      // the sandbox is another namespace: the same name is free there
      assert.strictEqual((yield* createLedger({ ledger: { name: "fleet", scope: "Owner" } })).scope, "Owner")
    }))

  it.effect("createLedger: an org you are not in is NotFound; a bad token is Unauthorized; a 400 is BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(
        yield* Effect.flip(
          asOtherUser(createLedger({ org: sim.seed.org.slug, ledger: { name: "x", scope: "Owner" } }))
        ),
        "NotFound"
      )
      expectTag(
        yield* Effect.flip(withBadToken(createLedger({ ledger: { name: "x", scope: "Owner" } }))),
        "Unauthorized"
      )
      faultOnce(sim, "/v1/ledgers", 400, {
        error: "invalid_request",
        error_description: "Validation error: : bad at \"x\""
      })
      const bad = expectTag(yield* Effect.flip(createLedger({ ledger: { name: "x", scope: "Owner" } })), "BadRequest")
      assert.strictEqual(bad.errorDescription, "Validation error: : bad at \"x\"")
    }))

  it.effect("createLedger: names Particle rejects, unknown scopes and directions are InvalidInput with no request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(createLedger({ ledger: { name: "Device_Config", scope: "Device" } }), "ledger.name")
      yield* expectInvalid(createLedger({ ledger: { name: "a".repeat(33), scope: "Device" } }), "ledger.name")
      yield* expectInvalid(createLedger({ ledger: { name: "", scope: "Device" } }), "ledger.name")
      yield* expectInvalid(createLedger({ ledger: { name: "ok", scope: "Fleet" as "Device" } }), "ledger.scope")
      yield* expectInvalid(
        createLedger({ ledger: { name: "ok", scope: "Owner", direction: "Sideways" as "Upstream" } }),
        "ledger.direction"
      )
      yield* expectInvalid(createLedger({ org: "no/org", ledger: { name: "ok", scope: "Owner" } }), "org")
    }))

  // -------------------------------------------------------------------------------------------- getLedger
  it.effect("getLedger: GET /v1/ledgers/:name, decoded; unknown is NotFound; a bad name is InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* createLedger({ ledger: { name: "thresholds", scope: "Owner", description: "limits" } })
      sim.clearRequests()
      const ledger = yield* getLedger({ ledgerName: "thresholds" })
      assert.strictEqual(only(sim).method, "GET")
      expectGet(sim, "/v1/ledgers/thresholds")
      assert.strictEqual(only(sim).body.length, 0)
      assert.deepStrictEqual([ledger.name, ledger.scope, ledger.description], ["thresholds", "Owner", "limits"])
      const missing = expectTag(yield* Effect.flip(getLedger({ ledgerName: "nope" })), "NotFound")
      assert.strictEqual(missing.status, 404)
      sim.clearRequests()
      yield* getLedger({ org: sim.seed.org.slug, ledgerName: "thresholds" }).pipe(Effect.flip)
      expectGet(sim, `/v1/orgs/${sim.seed.org.slug}/ledgers/thresholds`)
      yield* expectInvalid(getLedger({ ledgerName: "UPPER" }), "ledgerName")
    }))

  // ----------------------------------------------------------------------------------------- updateLedger
  it.effect("updateLedger: PUT /v1/ledgers/:name with { ledger }; a scope change is BadRequest; unknown is NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* createLedger({ ledger: { name: "thresholds", scope: "Owner" } })
      sim.clearRequests()
      const updated = yield* updateLedger({
        ledgerName: "thresholds",
        ledger: { description: "v2", direction: "Upstream" }
      })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, "/v1/ledgers/thresholds")
      assert.deepStrictEqual(request.json, { ledger: { description: "v2", direction: "Upstream" } })
      assert.deepStrictEqual([updated.description, updated.direction, updated.scope], ["v2", "Upstream", "Owner"])
      const bad = expectTag(
        yield* Effect.flip(updateLedger({ ledgerName: "thresholds", ledger: { scope: "Device" } })),
        "BadRequest"
      )
      assert.match(bad.errorDescription ?? "", /ledger\.scope/)
      expectTag(yield* Effect.flip(updateLedger({ ledgerName: "nope", ledger: { description: "x" } })), "NotFound")
      yield* expectInvalid(
        updateLedger({ ledgerName: "thresholds", ledger: { direction: "Up" as "Upstream" } }),
        "ledger.direction"
      )
    }))

  // ---------------------------------------------------------------------------------------- archiveLedger
  it.effect("archiveLedger: DELETE answers 204 (void); the ledger stays with archived_at and refuses new data", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* createLedger({ ledger: { name: "old", scope: "Owner" } })
      sim.clearRequests()
      const result = yield* archiveLedger({ ledgerName: "old" })
      assert.isUndefined(result)
      assert.strictEqual(only(sim).method, "DELETE")
      assert.strictEqual(only(sim).path, "/v1/ledgers/old")
      const archived = yield* getLedger({ ledgerName: "old" })
      assert.isString(archived.archived_at)
      const refused = expectTag(
        yield* Effect.flip(
          setLedgerInstance({ ledgerName: "old", scopeValue: sim.seed.user.id, instance: { data: { a: 1 } } })
        ),
        "BadRequest"
      )
      assert.match(refused.message, /archived/)
      yield* archiveLedger({ ledgerName: "old" }) // again: still 204
      expectTag(yield* Effect.flip(archiveLedger({ ledgerName: "never" })), "NotFound")
      // an archived name stays taken
      expectTag(yield* Effect.flip(createLedger({ ledger: { name: "old", scope: "Owner" } })), "Conflict")
    }))

  // ------------------------------------------------------------------------------------------ listLedgers
  it.effect("listLedgers: GET /v1/ledgers with scope, page, per_page, archived as particle-api-js sends them", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      for (const name of ["a-1", "a-2", "a-3"]) yield* createLedger({ ledger: { name, scope: "Device" } })
      yield* createLedger({ ledger: { name: "owner-1", scope: "Owner" } })
      yield* archiveLedger({ ledgerName: "a-3" })
      sim.clearRequests()
      const page = yield* listLedgers({ scope: "Device", page: 1, perPage: 1, archived: false })
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, "/v1/ledgers")
      assert.strictEqual(only(sim).rawQuery, "scope=Device&page=1&per_page=1&archived=false")
      assert.deepStrictEqual(page.ledgers.map((l) => l.name), ["a-1"])
      assert.deepStrictEqual(page.meta, { page: 1, per_page: 1, total_pages: 2, total: 2 })
      sim.clearRequests()
      const all = yield* listLedgers()
      assert.strictEqual(only(sim).rawQuery, "")
      assert.deepStrictEqual(all.ledgers.map((l) => l.name), ["a-1", "a-2", "a-3", "owner-1"])
      const archived = yield* listLedgers({ archived: true })
      assert.deepStrictEqual(archived.ledgers.map((l) => l.name), ["a-3"])
      sim.clearRequests()
      yield* listLedgers({ org: sim.seed.org.slug })
      expectGet(sim, `/v1/orgs/${sim.seed.org.slug}/ledgers`)
    }))

  it.effect("listLedgers: particle-api-js's `ledger_definitions` key decodes too; errors are typed; bad input is InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const definition = {
        name: "x",
        scope: "Owner",
        direction: "Downstream",
        created_at: "2024-01-01T00:00:00.000Z",
        updated_at: "2024-01-01T00:00:00.000Z"
      }
      faultOnce(sim, "/v1/ledgers", 200, { ledger_definitions: [definition], meta: { total_pages: 1 } })
      const other = yield* listLedgers()
      assert.deepStrictEqual(other.ledgers.map((l) => [l.name, l.description, l.archived_at]), [["x", "", null]])
      faultOnce(sim, "/v1/ledgers", 200, { nothing: [] })
      expectTag(yield* Effect.flip(listLedgers()), "DecodeError")
      faultOnce(sim, "/v1/ledgers", 400, { error: "invalid_request", error_description: "Validation error" })
      expectTag(yield* Effect.flip(listLedgers()), "BadRequest")
      expectTag(yield* Effect.flip(asOtherUser(listLedgers({ org: sim.seed.org.slug }))), "NotFound")
      yield* expectInvalid(listLedgers({ page: 0 }), "page")
      yield* expectInvalid(listLedgers({ scope: "All" as "Owner" }), "scope")
    }))

  // ---------------------------------------------------------------------------------------- streamLedgers
  it.effect("streamLedgers: every page, lazily, 100 a page by default", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      for (const name of ["s-1", "s-2", "s-3"]) yield* createLedger({ ledger: { name, scope: "Owner" } })
      sim.clearRequests()
      const names = yield* Stream.runCollect(streamLedgers({ perPage: 2 }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(names).map((l) => l.name), ["s-1", "s-2", "s-3"])
      assert.deepStrictEqual(sim.requests().map((r) => r.rawQuery), ["page=1&per_page=2", "page=2&per_page=2"])
      sim.clearRequests()
      yield* Stream.runCollect(Stream.take(streamLedgers({ perPage: 1 }), 1))
      assert.strictEqual(sim.requests().length, 1)
      sim.clearRequests()
      yield* Stream.runDrain(streamLedgers({ archived: false }))
      assert.strictEqual(only(sim).rawQuery, "page=1&per_page=100&archived=false")
    }))
})
