import { createWebhook, deleteWebhook, listIntegrations, listWebhooks } from "@effect-particle/integrations"
import {
  asOtherUser,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  type Recorded,
  TestLayer,
  utf8
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"

const PRODUCT = 4242
const json = (r: Recorded) => JSON.parse(utf8(r.body))

layer(TestLayer)("legacy webhooks", (it) => {
  it.effect("createWebhook: the body particle-api-js sends (device → deviceId, hook.method → requestType, events → topics)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const created = yield* createWebhook({
        event: "alarm",
        url: "https://example.com/alarms",
        device: "photon-online",
        rejectUnauthorized: false,
        noDefaults: true,
        hook: {
          method: "PUT",
          auth: { username: "u", password: "p" },
          headers: { "X-A": "1" },
          query: { q: "{{{PARTICLE_EVENT_VALUE}}}" },
          json: { who: "{{{PARTICLE_DEVICE_ID}}}" },
          responseTemplate: "{{{status}}}",
          responseEvent: "alarm-ack",
          errorResponseEvent: "alarm-failed"
        }
      })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/webhooks")
      assert.deepStrictEqual(json(request), {
        event: "alarm",
        url: "https://example.com/alarms",
        deviceId: "photon-online",
        rejectUnauthorized: false,
        noDefaults: true,
        requestType: "PUT",
        auth: { username: "u", password: "p" },
        headers: { "X-A": "1" },
        query: { q: "{{{PARTICLE_EVENT_VALUE}}}" },
        json: { who: "{{{PARTICLE_DEVICE_ID}}}" },
        responseTemplate: "{{{status}}}",
        responseTopic: "alarm-ack",
        errorResponseTopic: "alarm-failed"
      })
      assert.deepStrictEqual([created.ok, created.event, created.url, created.name], [
        true,
        "alarm",
        "https://example.com/alarms",
        null
      ])
      assert.strictEqual(created.hookUrl, `https://api.particle.io/v1/webhooks/${created.id}`)
      // it is an integration too
      assert.include((yield* listIntegrations()).map((i) => i.id), created.id)
    }))

  it.effect("createWebhook: without a hook, requestType POST; the product route", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* createWebhook({ event: "e", url: "https://example.com/e", product: PRODUCT })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/webhooks`)
      assert.deepStrictEqual(json(only(sim)), { event: "e", url: "https://example.com/e", requestType: "POST" })
      expectTag(
        yield* Effect.flip(createWebhook({ event: "e", url: "https://example.com/e", product: 999999 })),
        "NotFound"
      )
      expectTag(
        yield* Effect.flip(asOtherUser(createWebhook({ event: "e", url: "https://example.com/e", product: PRODUCT }))),
        "Forbidden"
      )
      faultOnce(sim, "/v1/webhooks", 400, { ok: false, error: "event is required" }, "POST")
      expectTag(yield* Effect.flip(createWebhook({ event: "e", url: "https://example.com/e" })), "BadRequest")
    }))

  it.effect("createWebhook: a URL that is not a URL, and other bad options, are InvalidInput before any request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(createWebhook({ event: "e", url: "example.com/no-scheme" }), "url")
      yield* expectInvalid(createWebhook({ event: "e", url: "javascript:alert(1)" }), "url")
      yield* expectInvalid(createWebhook({ event: "", url: "https://example.com" }), "event")
      yield* expectInvalid(
        createWebhook({ event: "e", url: "https://example.com", hook: { method: "PATCH" as "PUT" } }),
        "hook.method"
      )
      yield* expectInvalid(
        createWebhook({ event: "e", url: "https://example.com", hook: { form: {}, body: "b" } }),
        "hook.body"
      )
      yield* expectInvalid(createWebhook({ event: "e", url: "https://example.com", device: "not a device!" }), "device")
    }))

  it.effect("listWebhooks / deleteWebhook: user and product; a deleted webhook is NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const hooks = yield* listWebhooks()
      assert.strictEqual(only(sim).path, "/v1/webhooks")
      assert.deepStrictEqual(hooks.map((h) => [h.id, h.event, h.url, h.requestType]), [[
        sim.seed.integrationId,
        "temperature",
        "https://example.com/hook",
        "POST"
      ]])
      const { id } = yield* createWebhook({ event: "p", url: "https://example.com/p", product: PRODUCT })
      assert.deepStrictEqual((yield* listWebhooks({ product: PRODUCT })).map((h) => h.id), [id])
      sim.clearRequests()
      const result = yield* deleteWebhook({ hookId: id, product: PRODUCT })
      assert.strictEqual(result, undefined)
      assert.strictEqual(only(sim).method, "DELETE")
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/webhooks/${id}`)
      expectTag(yield* Effect.flip(deleteWebhook({ hookId: id, product: PRODUCT })), "NotFound")
      expectTag(yield* Effect.flip(listWebhooks({ product: 999999 })), "NotFound")
      expectTag(yield* Effect.flip(asOtherUser(listWebhooks({ product: PRODUCT }))), "Forbidden")
      yield* expectInvalid(deleteWebhook({ hookId: "" }), "hookId")
      yield* expectInvalid(listWebhooks({ product: "bad slug" }), "product")
    }))
})
