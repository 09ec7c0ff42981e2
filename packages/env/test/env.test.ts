import {
  deleteEnvVar,
  listEnvVars,
  renderEnvVars,
  reviewEnvVarsRollout,
  setEnvVar,
  startEnvVarsRollout,
  updateEnvVars
} from "@effect-particle/env"
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

const PRODUCT = 4242
const ORG = "sim-org"

layer(TestLayer)("environment variables", (it) => {
  // ------------------------------------------------------------------------------------------ listEnvVars
  it.effect("listEnvVars: GET /v1/env for sandbox: true; nothing set yet, never rolled out", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const env = yield* listEnvVars({ sandbox: true })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/env")
      assert.strictEqual(request.rawQuery, "")
      assert.deepStrictEqual(env.latest.own, {})
      assert.deepStrictEqual(env.latest.inherited, {})
      assert.isNull(env.latest.updated_at)
      assert.isNull(env.last_snapshot)
      assert.isUndefined(env.on_device)
    }))

  it.effect("listEnvVars: each scope has its route (product, org, device); a device inherits from its product and org", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = sim.seed.product.ownedDeviceId
      yield* updateEnvVars({
        org: ORG,
        ops: [{ op: "Set", key: "REGION", value: "eu" }, { op: "Set", key: "LEVEL", value: "org" }]
      })
      yield* updateEnvVars({ product: PRODUCT, ops: [{ op: "Set", key: "LEVEL", value: "product" }] })
      yield* setEnvVar({ deviceId: device, key: "LEVEL", value: "device" })
      sim.clearRequests()
      const env = yield* listEnvVars({ deviceId: device })
      expectGet(sim, `/v1/env/${device}`)
      assert.deepStrictEqual(env.latest.own, { LEVEL: { value: "device", access: ["Device"] } })
      assert.deepStrictEqual(env.latest.inherited, {
        LEVEL: { from: "Product", value: "product", access: ["Device"] },
        REGION: { from: "Owner", value: "eu", access: ["Device"] }
      })
      sim.clearRequests()
      const product = yield* listEnvVars({ product: "sim-fleet" })
      expectGet(sim, "/v1/products/sim-fleet/env")
      assert.deepStrictEqual(product.latest.inherited["LEVEL"], { from: "Owner", value: "org", access: ["Device"] })
      sim.clearRequests()
      const org = yield* listEnvVars({ org: ORG })
      expectGet(sim, `/v1/orgs/${ORG}/env`)
      assert.deepStrictEqual(Object.keys(org.latest.own).sort(), ["LEVEL", "REGION"])
      assert.deepStrictEqual(org.latest.inherited, {})
      // a developer device inherits from its owner's sandbox
      yield* setEnvVar({ sandbox: true, key: "HOME", value: "sandbox" })
      const developer = yield* listEnvVars({ deviceId: sim.seed.devices.online.id })
      assert.deepStrictEqual(developer.latest.inherited, {
        HOME: { from: "Owner", value: "sandbox", access: ["Device"] }
      })
    }))

  it.effect("listEnvVars: unknown product NotFound, not on its team Forbidden, another's device Forbidden, bad token Unauthorized", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(listEnvVars({ product: 999999 })), "NotFound")
      expectTag(yield* Effect.flip(asOtherUser(listEnvVars({ product: PRODUCT }))), "Forbidden")
      expectTag(yield* Effect.flip(listEnvVars({ deviceId: sim.seed.otherUser.deviceId })), "Forbidden")
      expectTag(yield* Effect.flip(asOtherUser(listEnvVars({ org: ORG }))), "NotFound")
      expectTag(yield* Effect.flip(withBadToken(listEnvVars({ sandbox: true }))), "Unauthorized")
    }))

  it.effect("exactly one scope: none or several are InvalidInput naming the fields, before any request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(listEnvVars({}), "product | org | deviceId | sandbox")
      yield* expectInvalid(listEnvVars({ sandbox: false }), "product | org | deviceId | sandbox")
      yield* expectInvalid(listEnvVars({ product: PRODUCT, org: ORG }), "product, org")
      yield* expectInvalid(
        renderEnvVars({ product: PRODUCT, deviceId: "0123456789abcdef01234567", sandbox: true }),
        "product, deviceId, sandbox"
      )
      yield* expectInvalid(setEnvVar({ key: "A", value: "b" }), "product | org | deviceId | sandbox")
      yield* expectInvalid(listEnvVars({ deviceId: "not-a-device-id" }), "deviceId")
      yield* expectInvalid(listEnvVars({ product: "bad slug" }), "product")
    }))

  // ---------------------------------------------------------------------------------------- updateEnvVars
  it.effect("updateEnvVars: PATCH with { ops } as particle-api-js sends it; answers the updated variables", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* setEnvVar({ product: PRODUCT, key: "GONE", value: "soon" })
      sim.clearRequests()
      const env = yield* updateEnvVars({
        product: PRODUCT,
        ops: [{ op: "Set", key: "API_URL", value: "https://example.com" }, { op: "Set", key: "_X9", value: "" }, {
          op: "Unset",
          key: "GONE"
        }]
      })
      const request = only(sim)
      assert.strictEqual(request.method, "PATCH")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/env`)
      assert.deepStrictEqual(request.json, {
        ops: [{ op: "Set", key: "API_URL", value: "https://example.com" }, { op: "Set", key: "_X9", value: "" }, {
          op: "Unset",
          key: "GONE"
        }]
      })
      assert.deepStrictEqual(Object.keys(env.latest.own).sort(), ["API_URL", "_X9"])
      assert.strictEqual(env.latest.own["API_URL"]?.value, "https://example.com")
      assert.strictEqual(env.latest.updated_by, sim.seed.user.id)
      assert.isString(env.latest.updated_at)
    }))

  it.effect("updateEnvVars: keys Particle rejects, 0 or 51 ops, Set without value are InvalidInput with no request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(
        updateEnvVars({ sandbox: true, ops: [{ op: "Set", key: "lower", value: "x" }] }),
        "ops.0.key"
      )
      yield* expectInvalid(
        updateEnvVars({ sandbox: true, ops: [{ op: "Unset", key: "OK" }, { op: "Unset", key: "1ST" }] }),
        "ops.1.key"
      )
      yield* expectInvalid(
        updateEnvVars({ sandbox: true, ops: [{ op: "Set", key: "HAS-DASH", value: "x" }] }),
        "ops.0.key"
      )
      yield* expectInvalid(updateEnvVars({ sandbox: true, ops: [] }), "ops")
      const ops = Array.from({ length: 51 }, (_, n) => ({ op: "Set" as const, key: `K${n}`, value: "v" }))
      yield* expectInvalid(updateEnvVars({ sandbox: true, ops }), "ops")
      yield* expectInvalid(updateEnvVars({ sandbox: true, ops: [{ op: "Set", key: "NO_VALUE" }] }), "ops.0.value")
      yield* expectInvalid(
        updateEnvVars({ sandbox: true, ops: [{ op: "Add" as "Set", key: "A", value: "b" }] }),
        "ops.0.op"
      )
    }))

  it.effect("updateEnvVars: exactly 50 ops are sent; Particle's validation error is BadRequest with its description", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const ops = Array.from({ length: 50 }, (_, n) => ({ op: "Set" as const, key: `K${n}`, value: "v" }))
      const env = yield* updateEnvVars({ org: ORG, ops })
      assert.strictEqual(Object.keys(env.latest.own).length, 50)
      const tooLong = expectTag(
        yield* Effect.flip(updateEnvVars({ org: ORG, ops: [{ op: "Set", key: "BIG", value: "x".repeat(9000) }] })),
        "BadRequest"
      )
      assert.match(tooLong.errorDescription ?? "", /^Validation error: : .* at "ops\[0\]\.value"$/)
      expectTag(yield* Effect.flip(updateEnvVars({ product: 999999, ops: [{ op: "Unset", key: "A" }] })), "NotFound")
      faultOnce(sim, "/v1/env", 400, {
        error: "invalid_request",
        error_description:
          "Validation error: : Must only contain uppercase letters, numbers, and underscores. Must not start with a number. at \"ops[0].key\""
      })
      const bad = expectTag(
        yield* Effect.flip(updateEnvVars({ sandbox: true, ops: [{ op: "Unset", key: "A" }] })),
        "BadRequest"
      )
      assert.strictEqual(bad.error, "invalid_request")
    }))

  // ------------------------------------------------------------------------------------ setEnvVar / delete
  it.effect("setEnvVar: PUT …/env/:key with { value }; deleteEnvVar: DELETE …/env/:key; both answer the variables", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = sim.seed.devices.online.id
      const set = yield* setEnvVar({ deviceId: device, key: "SAMPLE_RATE", value: "10" })
      assert.strictEqual(only(sim).method, "PUT")
      assert.strictEqual(only(sim).path, `/v1/env/${device}/SAMPLE_RATE`)
      assert.deepStrictEqual(only(sim).json, { value: "10" })
      assert.strictEqual(set.latest.own["SAMPLE_RATE"]?.value, "10")
      sim.clearRequests()
      yield* setEnvVar({ sandbox: true, key: "TOKEN_URL", value: "u" })
      assert.strictEqual(only(sim).path, "/v1/env/TOKEN_URL")
      sim.clearRequests()
      const deleted = yield* deleteEnvVar({ deviceId: device, key: "SAMPLE_RATE" })
      assert.strictEqual(only(sim).method, "DELETE")
      assert.strictEqual(only(sim).path, `/v1/env/${device}/SAMPLE_RATE`)
      assert.deepStrictEqual(deleted.latest.own, {})
      expectTag(yield* Effect.flip(deleteEnvVar({ deviceId: device, key: "SAMPLE_RATE" })), "NotFound")
      const big = expectTag(
        yield* Effect.flip(setEnvVar({ sandbox: true, key: "BIG", value: "x".repeat(9000) })),
        "BadRequest"
      )
      assert.match(big.errorDescription ?? "", /at "value"$/)
      yield* expectInvalid(setEnvVar({ sandbox: true, key: "bad key", value: "x" }), "key")
      yield* expectInvalid(deleteEnvVar({ org: ORG, key: "9LIVES" }), "key")
    }))

  // ---------------------------------------------------------------------------------------- renderEnvVars
  it.effect("renderEnvVars: GET …/env/render flattens inherited and own values (own wins)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = sim.seed.product.ownedDeviceId
      yield* updateEnvVars({
        org: ORG,
        ops: [{ op: "Set", key: "A", value: "org" }, { op: "Set", key: "B", value: "org" }]
      })
      yield* setEnvVar({ deviceId: device, key: "B", value: "device" })
      sim.clearRequests()
      const rendered = yield* renderEnvVars({ deviceId: device })
      expectGet(sim, `/v1/env/${device}/render`)
      assert.deepStrictEqual(rendered.env, { A: "org", B: "device" })
      assert.isString(rendered.last_updated_at)
      assert.isNull(rendered.rollout_at)
      assert.isNull(rendered.rollout_by)
      expectTag(yield* Effect.flip(renderEnvVars({ product: 999999 })), "NotFound")
    }))

  // --------------------------------------------------------------------------------- review and rollout
  it.effect("reviewEnvVarsRollout / startEnvVarsRollout: Added, Changed, Removed; a rollout moves latest into the snapshot", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* updateEnvVars({
        product: PRODUCT,
        ops: [{ op: "Set", key: "KEEP", value: "1" }, { op: "Set", key: "CHANGE", value: "old" }, {
          op: "Set",
          key: "DROP",
          value: "x"
        }]
      })
      sim.clearRequests()
      const first = yield* reviewEnvVarsRollout({ product: PRODUCT })
      expectGet(sim, `/v1/products/${PRODUCT}/env/rollout`)
      assert.deepStrictEqual(first.from_snapshot.changes.map((c) => [c.op, c.key]), [["Added", "CHANGE"], [
        "Added",
        "DROP"
      ], [
        "Added",
        "KEEP"
      ]])
      sim.clearRequests()
      const started = yield* startEnvVarsRollout({ product: PRODUCT, when: "Connect" })
      assert.strictEqual(only(sim).method, "POST")
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/env/rollout`)
      assert.deepStrictEqual(only(sim).json, { when: "Connect" })
      assert.isTrue(started.success)
      const afterRollout = yield* listEnvVars({ product: PRODUCT })
      assert.deepStrictEqual(afterRollout.last_snapshot?.own, {
        CHANGE: { value: "old" },
        DROP: { value: "x" },
        KEEP: { value: "1" }
      })
      assert.strictEqual(afterRollout.last_snapshot?.rollout_by, sim.seed.user.id)
      assert.deepStrictEqual((yield* reviewEnvVarsRollout({ product: PRODUCT })).from_snapshot.changes, [])
      yield* updateEnvVars({
        product: PRODUCT,
        ops: [{ op: "Set", key: "CHANGE", value: "new" }, { op: "Unset", key: "DROP" }, {
          op: "Set",
          key: "ADD",
          value: "y"
        }]
      })
      const review = yield* reviewEnvVarsRollout({ product: PRODUCT })
      assert.deepStrictEqual(review.from_snapshot.changes, [
        { op: "Added", key: "ADD", after: "y" },
        { op: "Changed", key: "CHANGE", before: "old", after: "new" },
        { op: "Removed", key: "DROP", before: "x" }
      ])
      assert.deepStrictEqual(review.from_snapshot.unchanged, { KEEP: "1" })
      assert.isUndefined(review.from_device)
      // the last snapshot still holds what was rolled out; the render shows what a rollout would deliver
      const listed = yield* listEnvVars({ product: PRODUCT })
      assert.strictEqual(listed.last_snapshot?.own["CHANGE"]?.value, "old")
      assert.strictEqual(listed.latest.own["CHANGE"]?.value, "new")
      assert.isString((yield* renderEnvVars({ product: PRODUCT })).rollout_at)
    }))

  it.effect("a device rollout: from_device in the review, on_device after; bad `when` is InvalidInput; errors typed", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = sim.seed.devices.online.id
      yield* setEnvVar({ deviceId: device, key: "MODE", value: "eco" })
      const review = yield* reviewEnvVarsRollout({ deviceId: device })
      assert.deepStrictEqual(review.from_device?.changes, [{ op: "Added", key: "MODE", after: "eco" }])
      yield* startEnvVarsRollout({ deviceId: device, when: "Immediate" })
      const env = yield* listEnvVars({ deviceId: device })
      assert.deepStrictEqual(env.on_device?.rendered, { MODE: "eco" })
      yield* expectInvalid(startEnvVarsRollout({ deviceId: device, when: "Later" as "Connect" }), "when")
      yield* expectInvalid(startEnvVarsRollout({ when: "Connect" }), "product | org | deviceId | sandbox")
      expectTag(yield* Effect.flip(startEnvVarsRollout({ org: "no-such-org", when: "Connect" })), "NotFound")
      faultOnce(
        sim,
        "/v1/env/rollout",
        400,
        { error: "invalid_request", error_description: "Validation error" },
        "POST"
      )
      expectTag(yield* Effect.flip(startEnvVarsRollout({ sandbox: true, when: "Connect" })), "BadRequest")
    }))

  it.effect("a rollout of an org reaches the products and devices below it that have variables", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = sim.seed.product.ownedDeviceId
      yield* setEnvVar({ deviceId: device, key: "OWN", value: "d" })
      yield* setEnvVar({ org: ORG, key: "FROM_ORG", value: "o" })
      yield* startEnvVarsRollout({ org: ORG, when: "Immediate" })
      const env = yield* listEnvVars({ deviceId: device })
      assert.deepStrictEqual(env.last_snapshot?.inherited, { FROM_ORG: { from: "Owner", value: "o" } })
      assert.deepStrictEqual(env.on_device?.rendered, { FROM_ORG: "o", OWN: "d" })
    }))
})
