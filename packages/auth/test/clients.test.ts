/**
 * OAuth clients against the simulator, user and product scope: exact requests, the secret `Redacted` and
 * shown once, the documented errors, and `InvalidInput` with no request.
 */
import {
  createOAuthClient,
  deleteOAuthClient,
  listOAuthClients,
  loginAsClientOwner,
  updateOAuthClient
} from "@effect-particle/auth"
import { asOtherUser, expectInvalid, expectTag, fresh, only, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

layer(TestLayer)("OAuth clients", (it) => {
  it.effect("user scope: create → list → update → delete (204) → NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const created = yield* createOAuthClient({ name: "My App", type: "installed", scope: "*:*" })
      const post = only(sim)
      assert.strictEqual(post.method, "POST")
      assert.strictEqual(post.path, "/v1/clients")
      assert.deepStrictEqual(post.json, { name: "My App", type: "installed", scope: "*:*" })
      const { client } = created
      assert.match(client.id, /^my-app-\d+$/)
      assert.strictEqual(client.type, "installed")
      assert.isTrue(Redacted.isRedacted(client.secret))
      assert.match(Redacted.value(client.secret), /^[0-9a-f]{40}$/)
      assert.notInclude(JSON.stringify(created), Redacted.value(client.secret))
      // the secret works, and is shown only once
      assert.isDefined(yield* loginAsClientOwner({ clientId: client.id, clientSecret: client.secret }))

      sim.clearRequests()
      const listed = yield* listOAuthClients()
      const get = only(sim)
      assert.strictEqual(get.method, "GET")
      assert.strictEqual(get.path, "/v1/clients")
      assert.deepStrictEqual(listed.clients, [{ id: client.id, name: "My App", type: "installed", scope: "*:*" }])

      sim.clearRequests()
      const updated = yield* updateOAuthClient({ clientId: client.id, name: "Renamed" })
      const put = only(sim)
      assert.strictEqual(put.method, "PUT")
      assert.strictEqual(put.path, `/v1/clients/${client.id}`)
      assert.deepStrictEqual(put.json, { name: "Renamed" })
      assert.strictEqual(updated.client.name, "Renamed")
      assert.strictEqual(updated.client.scope, "*:*")
      assert.isUndefined((yield* updateOAuthClient({ clientId: client.id, scope: "none" })).client.scope)

      sim.clearRequests()
      assert.isUndefined(yield* deleteOAuthClient({ clientId: client.id }))
      const del = only(sim)
      assert.strictEqual(del.method, "DELETE")
      assert.strictEqual(del.path, `/v1/clients/${client.id}`)
      expectTag(yield* Effect.flip(deleteOAuthClient({ clientId: client.id })), "NotFound")
      expectTag(yield* Effect.flip(updateOAuthClient({ clientId: client.id, name: "x" })), "NotFound")
    }))

  it.effect("product scope: the product routes; a web client with redirect_uri; a non-member is Forbidden", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const product = sim.seed.product.slug
      const listed = yield* listOAuthClients({ product })
      assert.strictEqual(only(sim).path, `/v1/products/${product}/clients`)
      assert.deepStrictEqual(listed.clients.map((c) => c.id), [sim.seed.oauthClient.id])
      assert.strictEqual(listed.clients[0]!.product_id, sim.seed.product.id)
      sim.clearRequests()
      const { client } = yield* createOAuthClient({
        name: "Portal",
        type: "web",
        redirect_uri: "https://example.com/cb",
        product
      })
      assert.strictEqual(only(sim).path, `/v1/products/${product}/clients`)
      assert.deepStrictEqual(only(sim).json, { name: "Portal", type: "web", redirect_uri: "https://example.com/cb" })
      assert.strictEqual(client.redirect_uri, "https://example.com/cb")
      sim.clearRequests()
      yield* updateOAuthClient({ clientId: client.id, scope: "customers:create", product })
      assert.strictEqual(only(sim).path, `/v1/products/${product}/clients/${client.id}`)
      sim.clearRequests()
      yield* deleteOAuthClient({ clientId: client.id, product })
      assert.strictEqual(only(sim).path, `/v1/products/${product}/clients/${client.id}`)
      expectTag(yield* Effect.flip(asOtherUser(listOAuthClients({ product }))), "Forbidden")
      expectTag(yield* Effect.flip(listOAuthClients({ product: 999999 })), "NotFound")
      expectTag(yield* Effect.flip(createOAuthClient({ name: "x", type: "installed", product: 999999 })), "NotFound")
    }))

  it.effect("the cloud's 400 is BadRequest", () =>
    Effect.gen(function*() {
      yield* fresh
      const bad = expectTag(
        yield* Effect.flip(createOAuthClient({ name: "x", type: "web", redirect_uri: "not a url" })),
        "BadRequest"
      )
      assert.strictEqual(bad.error, "redirect_uri must be an http(s) URL")
    }))

  it.effect("bad input is InvalidInput with no request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(createOAuthClient({ name: "", type: "installed" }), "name")
      yield* expectInvalid(createOAuthClient({ name: "x", type: "desktop" as never }), "type")
      yield* expectInvalid(createOAuthClient({ name: "x", type: "web" }), "redirect_uri")
      yield* expectInvalid(createOAuthClient({ name: "x", type: "installed", scope: " " }), "scope")
      yield* expectInvalid(createOAuthClient({ name: "x", type: "installed", product: "bad slug" }), "product")
      yield* expectInvalid(updateOAuthClient({ clientId: "", name: "x" }), "clientId")
      yield* expectInvalid(updateOAuthClient({ clientId: "a/b", name: "x" }), "clientId")
      yield* expectInvalid(updateOAuthClient({ clientId: "abc", name: "" }), "name")
      yield* expectInvalid(deleteOAuthClient({ clientId: ".." }), "clientId")
      yield* expectInvalid(listOAuthClients({ product: 0 }), "product")
    }))
})
