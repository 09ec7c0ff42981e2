import {
  createIntegration,
  deleteIntegration,
  editIntegration,
  getIntegration,
  Integration,
  listIntegrations,
  testIntegration
} from "@effect-particle/integrations"
import {
  asOtherUser,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  type Recorded,
  TestLayer,
  utf8,
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const PRODUCT = 4242
const json = (r: Recorded) => JSON.parse(utf8(r.body))

layer(TestLayer)("integrations", (it) => {
  // ---------------------------------------------------------------------------------- createIntegration
  it.effect("createIntegration: a typed webhook, sent as particle-api-js sends it (event, deviceid, settings spread)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const created = yield* createIntegration({
        event: "temperature/",
        deviceId: sim.seed.devices.online.id,
        settings: Integration.webhook({
          url: "https://example.com/readings",
          requestType: "PUT",
          headers: { "X-Key": "k" },
          json: { v: "{{{PARTICLE_EVENT_VALUE}}}" },
          auth: { username: "me", password: "s3cret" },
          responseTopic: "readings/ack",
          noDefaults: true
        })
      })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/integrations")
      assert.deepStrictEqual(json(request), {
        event: "temperature/",
        deviceid: sim.seed.devices.online.id,
        integration_type: "Webhook",
        url: "https://example.com/readings",
        requestType: "PUT",
        headers: { "X-Key": "k" },
        json: { v: "{{{PARTICLE_EVENT_VALUE}}}" },
        auth: { username: "me", password: "s3cret" },
        responseTopic: "readings/ack",
        noDefaults: true
      })
      assert.match(created.id, /^\d+$/)
      assert.notStrictEqual(created.id, sim.seed.integrationId)
      assert.strictEqual(created.hookUrl, `https://api.particle.io/v1/webhooks/${created.id}`)
      assert.strictEqual(created.event, "temperature/")
      // and it comes back decoded, the password redacted
      const got = yield* getIntegration({ integrationId: created.id })
      assert.isTrue(Integration.isWebhook(got))
      if (!Integration.isWebhook(got)) return
      assert.deepStrictEqual([got.url, got.requestType, got.deviceID, got.responseTopic], [
        "https://example.com/readings",
        "PUT",
        sim.seed.devices.online.id,
        "readings/ack"
      ])
      assert.isTrue(Redacted.isRedacted(got.auth?.password))
      assert.strictEqual(Redacted.value(got.auth!.password!), "s3cret")
      assert.deepStrictEqual(got.logs, [])
    }))

  it.effect("createIntegration: the other kinds (Azure IoT Hub, Google Cloud Pub/Sub, Google Maps), decoded back by kind", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const azure = yield* createIntegration({
        event: "a",
        settings: Integration.azureIotHub({ hub_name: "hub", policy_name: "p", policy_key: Redacted.make("key") })
      })
      assert.deepStrictEqual(json(only(sim)), {
        event: "a",
        integration_type: "AzureIotHub",
        hub_name: "hub",
        policy_name: "p",
        policy_key: "key"
      })
      assert.strictEqual(azure.integrationUrl, `https://api.particle.io/v1/integrations/${azure.id}`)
      yield* createIntegration({
        event: "g",
        settings: Integration.googleCloudPubSub({ topic: "projects/p/topics/t" })
      })
      yield* createIntegration({ event: "m", settings: Integration.googleMaps({ api_key: "maps-key" }) })
      const all = yield* listIntegrations()
      const kinds = all.map((i) =>
        Integration.isWebhook(i)
          ? "webhook"
          : Integration.isAzureIotHub(i)
          ? `azure:${i.hub_name}`
          : Integration.isGoogleCloudPubSub(i)
          ? `pubsub:${i.topic}`
          : Integration.isGoogleMaps(i)
          ? "maps"
          : "other"
      )
      assert.deepStrictEqual(kinds.sort(), ["azure:hub", "maps", "pubsub:projects/p/topics/t", "webhook"])
      const maps = all.find(Integration.isGoogleMaps)!
      assert.strictEqual(Redacted.value(maps.api_key!), "maps-key")
    }))

  it.effect("createIntegration: product and org routes; the cloud's BadRequest; unknown product NotFound; not on the team Forbidden", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* createIntegration({
        event: "p",
        settings: Integration.webhook({ url: "https://example.com/p" }),
        product: PRODUCT
      })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/integrations`)
      sim.clearRequests()
      yield* createIntegration({
        event: "o",
        settings: Integration.webhook({ url: "https://example.com/o" }),
        org: "sim-org"
      })
      assert.strictEqual(only(sim).path, "/v1/orgs/sim-org/integrations")
      faultOnce(sim, "/v1/integrations", 400, { ok: false, error: "topic is not reachable" }, "POST")
      const refused = expectTag(
        yield* Effect.flip(createIntegration({ event: "x", settings: Integration.googleCloudPubSub({ topic: "t" }) })),
        "BadRequest"
      )
      assert.strictEqual(refused.error, "topic is not reachable")
      expectTag(
        yield* Effect.flip(
          createIntegration({ event: "x", settings: Integration.webhook({ url: "https://x.io" }), product: 999999 })
        ),
        "NotFound"
      )
      expectTag(
        yield* Effect.flip(
          asOtherUser(
            createIntegration({ event: "x", settings: Integration.webhook({ url: "https://x.io" }), product: PRODUCT })
          )
        ),
        "Forbidden"
      )
      expectTag(
        yield* Effect.flip(
          withBadToken(createIntegration({ event: "x", settings: Integration.webhook({ url: "https://x.io" }) }))
        ),
        "Unauthorized"
      )
    }))

  it.effect("createIntegration: bad input is InvalidInput before any request", () =>
    Effect.gen(function*() {
      const url = "https://example.com/x"
      yield* expectInvalid(
        createIntegration({ event: "e", settings: Integration.webhook({ url: "not a url" }) }),
        "settings.url"
      )
      yield* expectInvalid(
        createIntegration({ event: "e", settings: Integration.webhook({ url: "ftp://example.com/x" }) }),
        "settings.url"
      )
      yield* expectInvalid(
        createIntegration({ event: "e", settings: { integration_type: "Telepathy", url } as never }),
        "settings.integration_type"
      )
      yield* expectInvalid(
        createIntegration({ event: "e", settings: Integration.webhook({ url, json: {}, body: "b" }) }),
        "settings.body"
      )
      yield* expectInvalid(
        createIntegration({ event: "e", settings: Integration.webhook({ url, requestType: "PATCH" as "PUT" }) }),
        "settings.requestType"
      )
      yield* expectInvalid(
        createIntegration({
          event: "e",
          settings: Integration.webhook({ url, auth: { username: "u", password: " " } })
        }),
        "settings.auth.password"
      )
      yield* expectInvalid(createIntegration({ event: "", settings: Integration.webhook({ url }) }), "event")
      yield* expectInvalid(
        createIntegration({ event: "e".repeat(65), settings: Integration.webhook({ url }) }),
        "event"
      )
      yield* expectInvalid(
        createIntegration({ event: "e", settings: Integration.googleCloudPubSub({ topic: "" }) }),
        "settings.topic"
      )
      yield* expectInvalid(
        createIntegration({ event: "e", settings: Integration.webhook({ url }), product: PRODUCT, org: "sim-org" }),
        "org"
      )
      yield* expectInvalid(
        createIntegration({
          event: "e",
          settings: Integration.webhook({ url }),
          product: PRODUCT,
          deviceId: "photon-online"
        }),
        "deviceId"
      )
      yield* expectInvalid(createIntegration({ event: "e" } as never), "settings")
    }))

  // ------------------------------------------------------------------------------------ listIntegrations
  it.effect("listIntegrations: every scope; a kind this version does not know decodes as OtherIntegration", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const mine = yield* listIntegrations()
      assert.strictEqual(only(sim).path, "/v1/integrations")
      assert.deepStrictEqual(mine.map((i) => i.id), [sim.seed.integrationId])
      assert.deepStrictEqual(yield* listIntegrations({ product: "sim-fleet" }), [])
      assert.deepStrictEqual(yield* listIntegrations({ org: "sim-org" }), [])
      assert.deepStrictEqual(sim.requests().map((r) => r.path), [
        "/v1/integrations",
        "/v1/products/sim-fleet/integrations",
        "/v1/orgs/sim-org/integrations"
      ])
      faultOnce(
        sim,
        "/v1/integrations",
        200,
        [{ id: "7", event: "e", integration_type: "Datacake", token: "t" }],
        "GET"
      )
      const [other] = yield* listIntegrations()
      assert.isFalse(Integration.isWebhook(other!))
      assert.deepStrictEqual(other, { id: "7", event: "e", integration_type: "Datacake", token: "t" })
      faultOnce(sim, "/v1/integrations", 200, [{ event: "no id" }], "GET")
      expectTag(yield* Effect.flip(listIntegrations()), "DecodeError")
      expectTag(yield* Effect.flip(listIntegrations({ org: "no-such-org" })), "NotFound")
      expectTag(yield* Effect.flip(asOtherUser(listIntegrations({ product: PRODUCT }))), "Forbidden")
      yield* expectInvalid(listIntegrations({ product: PRODUCT, org: "sim-org" }), "org")
      yield* expectInvalid(listIntegrations({ org: "no/slug" }), "org")
    }))

  // ------------------------------------------------------------------------ get / edit / delete / test
  it.effect("getIntegration: the seeded webhook; another scope's id is NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const seeded = yield* getIntegration({ integrationId: sim.seed.integrationId })
      assert.strictEqual(only(sim).path, `/v1/integrations/${sim.seed.integrationId}`)
      assert.deepStrictEqual([seeded.id, seeded.event, seeded.integration_type], [
        sim.seed.integrationId,
        "temperature",
        "Webhook"
      ])
      expectTag(
        yield* Effect.flip(getIntegration({ integrationId: sim.seed.integrationId, product: PRODUCT })),
        "NotFound"
      )
      expectTag(yield* Effect.flip(asOtherUser(getIntegration({ integrationId: sim.seed.integrationId }))), "NotFound")
      yield* expectInvalid(getIntegration({ integrationId: "" }), "integrationId")
    }))

  it.effect("editIntegration: PUT replaces event and settings; the answer is the integration as it is now", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { id } = yield* createIntegration({
        event: "e",
        settings: Integration.webhook({ url: "https://example.com/a", headers: { A: "1" } }),
        org: "sim-org"
      })
      sim.clearRequests()
      const edited = yield* editIntegration({
        integrationId: id,
        event: "e2",
        settings: Integration.webhook({ url: "https://example.com/b", requestType: "GET" }),
        org: "sim-org"
      })
      assert.strictEqual(only(sim).method, "PUT")
      assert.strictEqual(only(sim).path, `/v1/orgs/sim-org/integrations/${id}`)
      assert.deepStrictEqual(json(only(sim)), {
        event: "e2",
        integration_type: "Webhook",
        url: "https://example.com/b",
        requestType: "GET"
      })
      assert.isTrue(Integration.isWebhook(edited))
      if (!Integration.isWebhook(edited)) return
      assert.deepStrictEqual([edited.event, edited.url, edited.requestType, edited.headers], [
        "e2",
        "https://example.com/b",
        "GET",
        undefined
      ])
      expectTag(
        yield* Effect.flip(
          editIntegration({
            integrationId: "999999",
            event: "e",
            settings: Integration.webhook({ url: "https://x.io" })
          })
        ),
        "NotFound"
      )
      faultOnce(sim, `/v1/integrations/${sim.seed.integrationId}`, 400, {
        ok: false,
        error: "url must be an http or https URL"
      }, "PUT")
      const refused = expectTag(
        yield* Effect.flip(
          editIntegration({
            integrationId: sim.seed.integrationId,
            event: "e",
            settings: Integration.webhook({ url: "https://x.io" })
          })
        ),
        "BadRequest"
      )
      assert.include(refused.message, "url must be")
      yield* expectInvalid(editIntegration({ integrationId: id, event: "e" } as never), "settings")
      yield* expectInvalid(
        editIntegration({ integrationId: id, event: "e", settings: Integration.webhook({ url: "nope" }) }),
        "settings.url"
      )
    }))

  it.effect("deleteIntegration: 204; a second delete is NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { id } = yield* createIntegration({
        event: "d",
        settings: Integration.webhook({ url: "https://example.com/d" }),
        product: PRODUCT
      })
      sim.clearRequests()
      const result = yield* deleteIntegration({ integrationId: id, product: PRODUCT })
      assert.strictEqual(result, undefined)
      assert.strictEqual(only(sim).method, "DELETE")
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/integrations/${id}`)
      expectTag(yield* Effect.flip(deleteIntegration({ integrationId: id, product: PRODUCT })), "NotFound")
      expectTag(
        yield* Effect.flip(asOtherUser(deleteIntegration({ integrationId: id, product: PRODUCT }))),
        "Forbidden"
      )
      yield* expectInvalid(deleteIntegration({ integrationId: id, product: PRODUCT, org: "sim-org" }), "org")
    }))

  it.effect("testIntegration: POST …/test; an unreachable target is pass: false, not an error", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* testIntegration({ integrationId: sim.seed.integrationId })
      assert.strictEqual(only(sim).method, "POST")
      assert.strictEqual(only(sim).path, `/v1/integrations/${sim.seed.integrationId}/test`)
      assert.isFalse(result.pass)
      assert.include(String(result.error), "outside loopback")
      expectTag(yield* Effect.flip(testIntegration({ integrationId: "999999" })), "NotFound")
      yield* expectInvalid(testIntegration({ integrationId: "" }), "integrationId")
    }))
})
