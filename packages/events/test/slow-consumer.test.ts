import { ParticleClient } from "@effect-particle/core"
import * as NodeClient from "@effect-particle/core/node"
import { stream } from "@effect-particle/events"
import { expect, it } from "@effect/vitest"
import { Effect, Redacted, Stream } from "effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

// A body framed by Content-Length, written at once and closed by the server (as a proxy may), read by a
// consumer that keeps pausing: every event arrives, round after round, on both transports.
const EVENTS = 20_000
const ROUNDS = 3

const body = (() => {
  let text = ":ok\n\n"
  for (let i = 0; i < EVENTS; i++) {
    text += `event: e\ndata: {"data":"${i}","ttl":60,"published_at":"2024-01-01T00:00:00.000Z","coreid":"x"}\n\n`
  }
  return Buffer.from(text)
})()

const serve = Effect.acquireRelease(
  Effect.async<{ server: http.Server; url: string }>((resume) => {
    const server = http.createServer((_, res) => {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "content-length": String(body.length),
        connection: "close"
      })
      res.end(body)
    })
    server.listen(
      0,
      "127.0.0.1",
      () => resume(Effect.succeed({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }))
    )
  }),
  ({ server }) => Effect.sync(() => (server.closeAllConnections(), server.close()))
)

const layers = {
  fetch: (url: string) =>
    ParticleClient.layerFetch({ baseUrl: url, accessToken: Redacted.make("t"), streamRateLimit: false }),
  node: (url: string) => NodeClient.layer({ baseUrl: url, accessToken: Redacted.make("t"), streamRateLimit: false }),
  web: (url: string) =>
    ParticleClient.layerWeb({ baseUrl: url, accessToken: Redacted.make("t"), streamRateLimit: false })
}

for (const [name, make] of Object.entries(layers)) {
  it.live(`${name}: a slow consumer of a Content-Length-framed stream loses no event`, () =>
    Effect.gen(function*() {
      const { url } = yield* serve
      for (let round = 0; round < ROUNDS; round++) {
        const seen: Array<string> = []
        const exit = yield* stream({ deviceId: "mine", reconnect: false }).pipe(
          Stream.mapEffect((event) => {
            seen.push(event.data ?? "")
            return seen.length % 50 === 0 ? Effect.sleep("1 millis") : Effect.void
          }),
          Stream.runDrain,
          Effect.exit,
          Effect.provide(make(url))
        )
        // the stream ends when the server closes it (it is meant to be infinite): after the last event
        expect(exit._tag).toBe("Failure")
        expect(seen.length).toBe(EVENTS)
        expect(seen[EVENTS - 1]).toBe(String(EVENTS - 1))
      }
    }).pipe(Effect.scoped), { timeout: 120_000 })
}
