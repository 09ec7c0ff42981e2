import { deleteSecret, getSecret, listSecrets, setSecret } from "@effect-particle/env"
import {
  asOtherUser,
  expectGet,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  TestLayer,
  utf8,
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const ORG = "sim-org"

layer(TestLayer)("secrets", (it) => {
  // ------------------------------------------------------------------------------------------- setSecret
  it.effect("setSecret: PUT /v1/secrets/:name with { secret: { value } } as particle-cli sends it; the value never comes back", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const secret = yield* setSecret({ name: "WEATHER_API_KEY", value: Redacted.make("s3cr3t-value") })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, "/v1/secrets/WEATHER_API_KEY")
      assert.strictEqual(request.rawQuery, "")
      assert.deepStrictEqual(request.json, { secret: { value: "s3cr3t-value" } })
      assert.strictEqual(secret.name, "WEATHER_API_KEY")
      assert.isUndefined(secret.value)
      assert.isNull(secret.last_accessed_at)
      assert.deepStrictEqual(secret.logic_functions, [])
      assert.deepStrictEqual(secret.integrations, [])
      assert.strictEqual(secret.created_by, sim.seed.user.id)
      // a plain string is accepted (and wrapped at once); replacing keeps created_at
      sim.clearRequests()
      const replaced = yield* setSecret({ org: ORG, name: "WEATHER_API_KEY", value: "other" })
      assert.strictEqual(only(sim).path, `/v1/orgs/${ORG}/secrets/WEATHER_API_KEY`)
      assert.deepStrictEqual(only(sim).json, { secret: { value: "other" } })
      assert.strictEqual(replaced.name, "WEATHER_API_KEY")
      const again = yield* setSecret({ name: "WEATHER_API_KEY", value: "third" })
      assert.strictEqual(again.created_at, secret.created_at)
    }))

  it.effect("setSecret: bad names and blank values are InvalidInput with no request, and the value is in no error", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* expectInvalid(setSecret({ name: "lower_case", value: "hunter2" }), "name")
      yield* expectInvalid(setSecret({ name: "2FA", value: "hunter2" }), "name")
      yield* expectInvalid(setSecret({ name: "OK", value: "   " }), "value")
      yield* expectInvalid(setSecret({ org: "bad org", name: "OK", value: "hunter2" }), "org")
      const error = yield* Effect.flip(setSecret({ name: "bad-name", value: "hunter2" }))
      assert.notInclude(JSON.stringify(error), "hunter2")
      assert.notInclude(String(error), "hunter2")
      faultOnce(sim, "/v1/secrets/OK", 400, {
        error: "invalid_request",
        error_description: "Validation error: : Is required at \"secret.value\""
      })
      const bad = expectTag(yield* Effect.flip(setSecret({ name: "OK", value: "hunter2" })), "BadRequest")
      assert.notInclude(bad.message, "hunter2")
      expectTag(yield* Effect.flip(setSecret({ org: "no-such-org", name: "OK", value: "x" })), "NotFound")
      expectTag(yield* Effect.flip(withBadToken(setSecret({ name: "OK", value: "x" }))), "Unauthorized")
    }))

  // ----------------------------------------------------------------------------------------- listSecrets
  it.effect("listSecrets: GET /v1/secrets, unwrapped to an array; the org route; non-members get NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* setSecret({ name: "SECRET_01", value: "a" })
      yield* setSecret({ name: "SECRET_02", value: "b" })
      yield* setSecret({ org: ORG, name: "ORG_SECRET", value: "c" })
      sim.clearRequests()
      const secrets = yield* listSecrets()
      assert.strictEqual(only(sim).method, "GET")
      expectGet(sim, "/v1/secrets")
      assert.deepStrictEqual(secrets.map((s) => s.name), ["SECRET_01", "SECRET_02"])
      assert.isTrue(secrets.every((s) => s.value === undefined))
      // the values are not anywhere in the answer
      const raw = yield* Effect.promise(() =>
        fetch(`${sim.url}/v1/secrets`, { headers: { authorization: `Bearer ${sim.accessToken}` } }).then((r) =>
          r.text()
        )
      )
      assert.notInclude(raw, "\"value\"")
      sim.clearRequests()
      assert.deepStrictEqual((yield* listSecrets({ org: ORG })).map((s) => s.name), ["ORG_SECRET"])
      expectGet(sim, `/v1/orgs/${ORG}/secrets`)
      expectTag(yield* Effect.flip(asOtherUser(listSecrets({ org: ORG }))), "NotFound")
      assert.deepStrictEqual(yield* asOtherUser(listSecrets()), [])
    }))

  // ------------------------------------------------------------------------------------------- getSecret
  it.effect("getSecret: GET /v1/secrets/:name, unwrapped; unknown is NotFound; a value in an answer decodes as Redacted", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* setSecret({ name: "API_KEY", value: "k" })
      sim.clearRequests()
      const secret = yield* getSecret({ name: "API_KEY" })
      expectGet(sim, "/v1/secrets/API_KEY")
      assert.strictEqual(secret.name, "API_KEY")
      expectTag(yield* Effect.flip(getSecret({ name: "NOPE" })), "NotFound")
      faultOnce(sim, "/v1/secrets/API_KEY", 200, {
        secret: {
          name: "API_KEY",
          created_at: "2025-06-17T14:05:52.401Z",
          updated_at: "2025-06-17T14:05:52.401Z",
          value: "leaked"
        }
      })
      const leaked = yield* getSecret({ name: "API_KEY" })
      assert.isTrue(leaked.value !== undefined && Redacted.isRedacted(leaked.value))
      assert.notInclude(String(leaked.value), "leaked")
      assert.notInclude(JSON.stringify(leaked), "leaked")
      yield* expectInvalid(getSecret({ name: "" }), "name")
    }))

  // ---------------------------------------------------------------------------------------- deleteSecret
  it.effect("deleteSecret: DELETE answers 204 (void); a secret a Logic function uses is BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* setSecret({ name: "OLD", value: "x" })
      yield* setSecret({ name: "USED", value: "y" })
      sim.clearRequests()
      assert.isUndefined(yield* deleteSecret({ name: "OLD" }))
      assert.strictEqual(only(sim).method, "DELETE")
      assert.strictEqual(only(sim).path, "/v1/secrets/OLD")
      expectTag(yield* Effect.flip(deleteSecret({ name: "OLD" })), "NotFound")
      // a Logic function that declares the secret (created over HTTP: this package does not depend on @effect-particle/logic)
      const created = yield* Effect.promise(() =>
        fetch(`${sim.url}/v1/logic/functions`, {
          method: "POST",
          headers: { authorization: `Bearer ${sim.accessToken}`, "content-type": "application/json" },
          body: JSON.stringify({
            logic_function: {
              name: "uses a secret",
              source: { code: "export default function main() {}" },
              secrets: ["USED"]
            }
          })
        }).then(async (r) => ({ status: r.status, body: await r.json() as { logic_function: { id: string } } }))
      )
      assert.strictEqual(created.status, 201)
      assert.deepStrictEqual((yield* getSecret({ name: "USED" })).logic_functions, [created.body.logic_function.id])
      const used = expectTag(yield* Effect.flip(deleteSecret({ name: "USED" })), "BadRequest")
      assert.strictEqual(
        used.error,
        "This secret cannot be deleted as it is being used by integrations or Logic Functions."
      )
      const recorded = sim.requests().at(-1)!
      assert.strictEqual(utf8(recorded.body), "")
      yield* expectInvalid(deleteSecret({ name: "lower" }), "name")
    }))
})
