import type { ParticleClient } from "@effect-particle/core"
import { downloadFile, getLibrary } from "@effect-particle/libraries"
import { Simulator } from "@effect-particle/simulator"
import * as Testing from "@effect-particle/testing"
import { expectInvalid, expectTag, fresh } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { readTarGz } from "./support/archive.js"

/** What left the client: each request's URL and whether it carried the access token. */
const sent: Array<{ url: string; withToken: boolean }> = []
const middleware: ParticleClient.Middleware = (request, next) => {
  sent.push({ url: request.url, withToken: request.accessToken !== undefined })
  return next(request)
}

/** A file server on 127.0.0.1 that is not the simulator: another host for the client. */
const fileServer = Effect.acquireRelease(
  Effect.async<{ url: string; seen: Array<http.IncomingHttpHeaders>; server: http.Server }>((resume) => {
    const seen: Array<http.IncomingHttpHeaders> = []
    const server = http.createServer((req, res) => {
      seen.push(req.headers)
      if (req.url === "/archives/demo-1.0.0.tar.gz") {
        res.setHeader("content-type", "application/gzip")
        res.end(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]))
      } else {
        res.statusCode = 404
        res.end("no such file")
      }
    })
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port
      resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, seen, server }))
    })
  }),
  (s) =>
    Effect.async<void>((resume) => {
      s.server.close(() => resume(Effect.void))
    })
)

layer(Testing.layer({ client: { middleware } }))("downloadFile", (it) => {
  it.effect("a library archive under the base URL: the bytes of a real .tar.gz, the token sent", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      sent.length = 0
      const lib = yield* getLibrary({ name: "onewire" })
      const bytes = yield* downloadFile({ uri: lib.download! })
      assert.instanceOf(bytes, Uint8Array)
      const files = yield* Effect.promise(() => readTarGz(bytes))
      assert.include(files["library.properties"], "name=onewire\nversion=2.0.3\n")
      assert.deepStrictEqual(sent.map((s) => [s.url, s.withToken]), [
        [`${sim.url}/v1/libraries/onewire`, true],
        [`${sim.url}/__sim/library-archives/onewire/2.0.3.tar.gz`, true]
      ])
    }))

  it.scoped("another host never gets the token; its 404 is NotFound", () =>
    Effect.gen(function*() {
      yield* fresh
      const server = yield* fileServer
      sent.length = 0
      const bytes = yield* downloadFile({ uri: `${server.url}/archives/demo-1.0.0.tar.gz` })
      assert.deepStrictEqual([...bytes], [0x1f, 0x8b, 8, 0, 1, 2, 3])
      assert.deepStrictEqual(sent, [{ url: `${server.url}/archives/demo-1.0.0.tar.gz`, withToken: false }])
      assert.isUndefined(server.seen[0]!.authorization)
      const missing = expectTag(
        yield* Effect.flip(downloadFile({ uri: `${server.url}/archives/nope.tar.gz` })),
        "NotFound"
      )
      assert.include(missing.message, "no such file")
      assert.isTrue(server.seen.every((h) => h.authorization === undefined))
      // a look-alike of the base URL on another port is another host
      const sim = yield* Simulator.Simulator
      assert.isFalse(server.url.startsWith(sim.url))
    }))

  it.effect("a uri that is not an absolute http(s) URL is InvalidInput before any request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(downloadFile({ uri: "/v1/libraries/neopixel" }), "uri")
      yield* expectInvalid(downloadFile({ uri: "ftp://example.com/archive.tar.gz" }), "uri")
      yield* expectInvalid(downloadFile({ uri: "" }), "uri")
    }))
})
