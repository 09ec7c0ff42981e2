import { Input, Operation, ParticleClient } from "@effect-particle/core"
import { assert, it as plain, layer } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { version } from "../src/internal/version.js"
import * as Client from "./support/client.js"
import * as ops from "./support/ops.js"
import { json, start as TestServerStart, TestServer } from "./support/TestServer.js"

const DEVICE = "0123456789abcdef01234567"

const last = Effect.map(TestServer, (server) => server.requests[server.requests.length - 1]!)

const respond = (body: unknown, status = 200) =>
  Effect.flatMap(TestServer, (server) => server.handle((_, res) => json(res, status, body)))

layer(Client.layer())("the wire request", (it) => {
  it.effect("sends Bearer auth, the User-Agent and no tracing headers", () =>
    Effect.gen(function*() {
      yield* respond({ id: DEVICE, name: "gongbot", online: true })
      const device = yield* ops.getDevice({ deviceId: "gongbot" })
      assert.deepStrictEqual(device, { id: DEVICE, name: "gongbot", online: true })
      const request = yield* last
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/devices/gongbot")
      assert.strictEqual(request.headers.authorization, `Bearer ${Client.TOKEN}`)
      assert.strictEqual(request.headers["user-agent"], `effect-particle/${version}`)
      assert.strictEqual(request.headers.accept, "application/json")
      assert.isUndefined(request.headers.traceparent)
      assert.isUndefined(request.headers.b3)
      assert.notInclude(request.url, Client.TOKEN)
    }))

  it.effect("the User-Agent version is the package version", () =>
    Effect.sync(() => {
      const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
      assert.strictEqual(version, pkg.version)
    }))

  it.effect("picks the user, product or org prefix, org winning as in particle-api-js", () =>
    Effect.gen(function*() {
      yield* respond({ id: DEVICE, name: null, online: false })
      yield* ops.getDevice({ deviceId: DEVICE })
      assert.strictEqual((yield* last).path, `/v1/devices/${DEVICE}`)
      yield* ops.getDevice({ deviceId: DEVICE, product: 1337 })
      assert.strictEqual((yield* last).path, `/v1/products/1337/devices/${DEVICE}`)
      yield* ops.getDevice({ deviceId: DEVICE, product: "my-product-v1" })
      assert.strictEqual((yield* last).path, `/v1/products/my-product-v1/devices/${DEVICE}`)
      yield* ops.getDevice({ deviceId: DEVICE, product: 7, org: "acme" })
      assert.strictEqual((yield* last).path, `/v1/orgs/acme/devices/${DEVICE}`)
    }))

  it.effect("URL-encodes path parameters", () =>
    Effect.gen(function*() {
      yield* respond({ return_value: 1 })
      yield* ops.callFunction({ deviceId: DEVICE, name: "a b/c?d", argument: "x" })
      assert.strictEqual((yield* last).path, `/v1/devices/${DEVICE}/a%20b%2Fc%3Fd`)
    }))

  it.effect("serialises the query as particle-api-js (qs) does", () =>
    Effect.gen(function*() {
      yield* respond({ devices: [], meta: { total_pages: 1 } })
      yield* ops.listDevices({ product: 1, page: 2, perPage: 50, groups: ["a,b", "c d"], name: null, flag: true })
      assert.strictEqual(
        (yield* last).query,
        "page=2&per_page=50&groups%5B0%5D=a%2Cb&groups%5B1%5D=c%20d&deviceName=&flag=true"
      )
      yield* ops.listDevices({ product: 1 })
      assert.strictEqual((yield* last).query, "")
      assert.strictEqual((yield* last).url, "/v1/products/1/devices")
    }))

  it.effect("sends JSON bodies", () =>
    Effect.gen(function*() {
      yield* respond({ return_value: 7 })
      const result = yield* ops.callFunction({ deviceId: DEVICE, name: "gong", argument: "now" })
      assert.strictEqual(result.return_value, 7)
      const request = yield* last
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.headers["content-type"], "application/json")
      assert.deepStrictEqual(JSON.parse(request.body.toString()), { args: "now" })
      // undefined fields vanish as with JSON.stringify
      yield* ops.callFunction({ deviceId: DEVICE, name: "gong" })
      assert.strictEqual((yield* last).body.toString(), "{}")
    }))

  it.effect("sends form bodies without the token to an unauthenticated route", () =>
    Effect.gen(function*() {
      yield* respond({ access_token: "new" })
      yield* ops.login({ username: "me@example.com", password: "p&ss word" })
      const request = yield* last
      assert.strictEqual(request.path, "/oauth/token")
      assert.strictEqual(request.headers["content-type"], "application/x-www-form-urlencoded")
      assert.strictEqual(
        request.body.toString(),
        "username=me%40example.com&password=p%26ss%20word&grant_type=password&client_id=particle-api"
      )
      assert.isUndefined(request.headers.authorization)
    }))

  it.effect("sends multipart bodies: file, file2, … named by key, then the fields", () =>
    Effect.gen(function*() {
      yield* respond({ status: "Update started" })
      const blob = new Blob(["void loop() {}"])
      yield* ops.flash({
        deviceId: DEVICE,
        files: { "app.ino": new TextEncoder().encode("void setup() {}"), "lib\\util.h": blob }
      })
      const request = yield* last
      assert.match(request.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
      const body = request.body.toString()
      assert.match(body, /name="file"; filename="app\.ino"\r\n[^]*void setup\(\) \{\}/)
      assert.match(body, /name="file2"; filename="lib\/util\.h"\r\n[^]*void loop\(\) \{\}/)
      assert.match(body, /name="latest"\r\n\r\ntrue\r\n/)
      assert.isBelow(body.indexOf("name=\"file2\""), body.indexOf("name=\"latest\""))
    }))

  it.effect("a file path without the Node layer is an InvalidInput, before any request", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      const before = server.requests.length
      const error = yield* Effect.flip(ops.flash({ deviceId: DEVICE, files: { "app.ino": "/tmp/app.ino" } }))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual((error as { field: string }).field, "files.app.ino")
      assert.strictEqual(server.requests.length, before)
    }))

  it.effect("204, HEAD and empty 2xx bodies are success; binaries are bytes", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((req, res) => {
        if (req.method === "DELETE") res.writeHead(204).end()
        else if (req.method === "HEAD") res.writeHead(200, { "content-type": "application/json" }).end()
        else {
          res.writeHead(200, { "content-type": "application/octet-stream" })
          res.end(Buffer.from([0, 1, 2, 255]))
        }
      })
      assert.isUndefined(yield* ops.remove({ deviceId: DEVICE, product: 1 }))
      assert.isUndefined(yield* ops.check({ iccid: "89314404000111111111" }))
      assert.strictEqual((yield* last).method, "HEAD")
      const bytes = yield* ops.download({ binaryId: "abc" })
      assert.instanceOf(bytes, Uint8Array)
      assert.deepStrictEqual(Array.from(bytes), [0, 1, 2, 255])
    }))

  it.effect("withAccessToken overrides the token for one effect", () =>
    Effect.gen(function*() {
      yield* respond({ id: DEVICE, name: null, online: true })
      yield* ops.getDevice({ deviceId: DEVICE }).pipe(ParticleClient.withAccessToken(Redacted.make("tenant-token")))
      assert.strictEqual((yield* last).headers.authorization, "Bearer tenant-token")
      yield* ops.getDevice({ deviceId: DEVICE })
      assert.strictEqual((yield* last).headers.authorization, `Bearer ${Client.TOKEN}`)
    }))

  it.effect("does not follow a redirect, so the token never reaches another host", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      // the second server is another host (127.0.0.2 is loopback too)
      const other = yield* TestServerStart("127.0.0.2")
      yield* server.handle((_, res) => res.writeHead(302, { location: `${other.url}/steal` }).end())
      const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
      assert.strictEqual(error._tag, "UnexpectedStatus")
      assert.strictEqual(other.requests.length, 0)
    }).pipe(Effect.scoped))
})

plain("markdownTable lists the routes in the order they are tried, and the documented errors", () => {
  const table = Operation.markdownTable([ops.getDevice, ops.login])
  assert.include(
    table,
    "| `getDevice` | `GET /v1/orgs/{org}/devices/{deviceId}`<br>`GET /v1/products/{product}/devices/{deviceId}`<br>`GET /v1/devices/{deviceId}` | `Unauthorized`, `Forbidden`, `NotFound`, `BadRequest`, `DeviceTimeout` | test: get one device |"
  )
  assert.include(table, "| `login` | `POST /oauth/token` | `BadRequest`, `Forbidden` | test: form POST without auth |")
})

layer(Client.layer())("layerConfig", (it) => {
  const withEnv = (env: Record<string, string>) =>
    Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

  it.effect("reads PARTICLE_ACCESS_TOKEN and PARTICLE_API_URL", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((_, res) => json(res, 200, { id: DEVICE, name: null, online: true }))
      yield* ops.getDevice({ deviceId: DEVICE }).pipe(
        Effect.provide(
          ParticleClient.layerConfigFetch().pipe(
            Layer.provide(withEnv({ PARTICLE_ACCESS_TOKEN: "from-env-token", PARTICLE_API_URL: server.url }))
          )
        )
      )
      const request = yield* last
      assert.strictEqual(request.headers.authorization, "Bearer from-env-token")
    }))

  it.effect("an empty PARTICLE_ACCESS_TOKEN is an InvalidInput; a missing one fails each call", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      const empty = yield* Effect.flip(
        ops.getDevice({ deviceId: DEVICE }).pipe(
          Effect.provide(
            ParticleClient.layerConfigFetch().pipe(
              Layer.provide(withEnv({ PARTICLE_ACCESS_TOKEN: "", PARTICLE_API_URL: server.url }))
            )
          )
        )
      )
      assert.strictEqual(empty._tag, "InvalidInput")
      const missing = yield* Effect.flip(
        ops.getDevice({ deviceId: DEVICE }).pipe(
          Effect.provide(
            ParticleClient.layerConfigFetch().pipe(Layer.provide(withEnv({ PARTICLE_API_URL: server.url })))
          )
        )
      )
      assert.strictEqual(missing._tag, "InvalidInput")
      assert.strictEqual((missing as { field: string }).field, "accessToken")
    }))
})

plain("routes: a scope's route may differ from the shared path", () => {
  const publish = Operation.make({
    name: "publishEvent",
    summary: "test: per-scope paths",
    method: "POST",
    routes: [{ path: "/v1/products/{product}/events" }, { path: "/v1/devices/events" }],
    input: Schema.Struct({ product: Schema.optional(Input.Product) }),
    response: Operation.empty
  })
  assert.deepStrictEqual(Operation.routes(publish.definition), ["/v1/products/{product}/events", "/v1/devices/events"])
})
