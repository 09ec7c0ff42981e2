// A loopback HTTP server that records when each request arrives (before it answers): a short call
// (`GET /v1/ping`, answered after a few milliseconds; `GET /v1/slow`, after 150 ms) and an event-stream open (`GET /v1/events`, answered with
// the stream's head and a first comment, then ended).
import { Operation } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as http from "node:http"
import type * as net from "node:net"
import { performance } from "node:perf_hooks"

export interface Arrival {
  readonly path: string
  /** Milliseconds, on the server's monotonic clock. */
  readonly at: number
}

export interface RecordingServer {
  readonly url: string
  readonly arrivals: ReadonlyArray<Arrival>
}

export const start = Effect.acquireRelease(
  Effect.async<{ server: http.Server; recording: RecordingServer }>((resume) => {
    const arrivals: Array<Arrival> = []
    const server = http.createServer((req, res) => {
      const path = (req.url ?? "").split("?")[0]!
      arrivals.push({ path, at: performance.now() })
      if (path === "/v1/events") {
        res.writeHead(200, { "content-type": "text/event-stream" })
        res.end(":ok\n\n")
        return
      }
      if (path === "/v1/slow") {
        setTimeout(() => {
          res.writeHead(200, { "content-type": "application/json" })
          res.end(JSON.stringify({ ok: true }))
        }, 150)
        return
      }
      // a little latency of varying length, so that requests overlap and complete out of order
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify({ ok: true }))
      }, Math.floor(Math.random() * 15))
    })
    server.keepAliveTimeout = 1_000
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port
      resume(Effect.succeed({ server, recording: { url: `http://127.0.0.1:${port}`, arrivals } }))
    })
  }),
  ({ server }) =>
    Effect.async<void>((resume) => {
      server.closeAllConnections()
      server.close(() => resume(Effect.void))
    })
).pipe(Effect.map(({ recording }) => recording))

/** The most arrivals in any window `[t, t + interval)` (`t` an arrival: the maximum over every window). */
export const maxInWindow = (times: ReadonlyArray<number>, interval: number): number => {
  const sorted = [...times].sort((a, b) => a - b)
  let max = 0
  let j = 0
  for (let i = 0; i < sorted.length; i++) {
    if (j < i) j = i
    while (j < sorted.length && sorted[j]! < sorted[i]! + interval) j++
    max = Math.max(max, j - i)
  }
  return max
}

/** A short call of the recording server. */
export const ping = Operation.make({
  name: "ping",
  summary: "test: a short call",
  method: "GET",
  routes: [{ path: "/v1/ping" }],
  input: Schema.Struct({}),
  response: Operation.json(Schema.Struct({ ok: Schema.Boolean }))
})

/** A call the recording server takes 150 ms to answer. */
export const slow = Operation.make({
  name: "slow",
  summary: "test: a slow call",
  method: "GET",
  routes: [{ path: "/v1/slow" }],
  input: Schema.Struct({}),
  response: Operation.json(Schema.Struct({ ok: Schema.Boolean }))
})

/** An event-stream open of the recording server. */
export const openStream = Operation.make({
  name: "openStream",
  summary: "test: an event-stream open",
  method: "GET",
  routes: [{ path: "/v1/events" }],
  input: Schema.Struct({}),
  response: Operation.stream
})
