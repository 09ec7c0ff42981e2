import { ParticleClient } from "@effect-particle/core"
import { Event, stream, streamWithStatus } from "@effect-particle/events"
import { expect, layer } from "@effect/vitest"
import { Chunk, Context, Effect, Either, Layer, Logger, Redacted, Stream, TestServices } from "effect"
import * as net from "node:net"

/**
 * A raw TCP server that speaks just enough HTTP/1.1 to script byte-exact SSE responses: which bytes go in
 * which TCP write (with a pause in between, and Nagle off, so they arrive as separate chunks).
 */
type Script = (write: (bytes: string | Uint8Array) => Promise<void>, socket: net.Socket) => Promise<void>

class RawServer extends Context.Tag("RawServer")<RawServer, {
  readonly url: string
  script: Script
  connections: number
}>() {}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

const RawServerLive = Layer.scoped(
  RawServer,
  Effect.acquireRelease(
    Effect.async<{ server: net.Server; state: Context.Tag.Service<RawServer> }>((resume) => {
      const sockets = new Set<net.Socket>()
      const state = { url: "", script: (async () => {}) as Script, connections: 0 }
      const server = net.createServer((socket) => {
        sockets.add(socket)
        socket.on("close", () => sockets.delete(socket))
        socket.on("error", () => {})
        socket.setNoDelay(true)
        let head = ""
        const onData = (data: Buffer) => {
          head += data.toString("latin1")
          if (!head.includes("\r\n\r\n")) return
          socket.off("data", onData)
          state.connections++
          const write = async (bytes: string | Uint8Array) => {
            if (socket.destroyed) return
            socket.write(typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes)
            await pause(15)
          }
          void state.script(write, socket).catch(() => socket.destroy())
        }
        socket.on("data", onData)
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address() as net.AddressInfo
        state.url = `http://127.0.0.1:${address.port}`
        ;(server as any).__sockets = sockets
        resume(Effect.succeed({ server, state }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        for (const s of (server as any).__sockets as Set<net.Socket>) s.destroy()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ state }) => state))
)

const ClientLive = Layer.unwrapEffect(
  Effect.map(
    RawServer,
    (server) =>
      ParticleClient.layerFetch({
        baseUrl: server.url,
        accessToken: Redacted.make("raw-token"),
        streamRateLimit: false
      })
  )
).pipe(Layer.provideMerge(RawServerLive))

const HEAD =
  "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"
const payload = (data: string) =>
  JSON.stringify({ data, ttl: 60, published_at: "2024-01-01T00:00:00.000Z", coreid: "e00fce680000000000000001" })

const captureLogs = () => {
  const logs: Array<{ level: string; message: string; annotations: Record<string, unknown> }> = []
  const logger = Logger.make(({ annotations, logLevel, message }) => {
    const record: Record<string, unknown> = {}
    for (const [k, v] of annotations) record[k] = v
    logs.push({ level: logLevel.label, message: String(message), annotations: record })
  })
  return { logs, layer: Logger.replace(Logger.defaultLogger, logger) }
}

layer(ClientLive)("wire-level parsing over real TCP (raw server)", (it) => {
  it.effect("a CRLF split across TCP writes does not lose the event (particle-api-js bug 3)", () =>
    Effect.gen(function*() {
      const server = yield* RawServer
      server.script = async (write) => {
        await write(HEAD)
        await write(":ok\r\n\r\nevent: split\r")
        await write(`\ndata: ${payload("1")}\r`)
        await write("\n\r")
        await write("\nevent: after\r\ndata: ")
        await write(`${payload("2")}\r\n\r\n`)
      }
      const events = yield* stream({ deviceId: "mine", reconnect: false }).pipe(Stream.take(2), Stream.runCollect)
      expect(Chunk.toReadonlyArray(events).map((e) => [e.name, e.data])).toEqual([["split", "1"], ["after", "2"]])
    }))

  it.effect("a UTF-8 character split across TCP writes arrives whole", () =>
    Effect.gen(function*() {
      const server = yield* RawServer
      const bytes = new TextEncoder().encode(`event: temp/°C\ndata: ${payload("🌡️ 21,5 °C — ok")}\n\n`)
      const cut = bytes.indexOf(0xf0) + 2 // in the middle of the 4-byte thermometer
      server.script = async (write) => {
        await write(HEAD + ":ok\n\n")
        await write(bytes.subarray(0, cut))
        await write(bytes.subarray(cut))
      }
      const [event] = Chunk.toReadonlyArray(
        yield* stream({ deviceId: "mine", reconnect: false }).pipe(Stream.take(1), Stream.runCollect)
      )
      expect([event!.name, event!.data]).toEqual(["temp/°C", "🌡️ 21,5 °C — ok"])
    }))

  it.effect("events in the same TCP write as the response headers and :ok all arrive", () =>
    Effect.gen(function*() {
      const server = yield* RawServer
      let body = ""
      for (let i = 0; i < 100; i++) body += `event: first/${i}\ndata: ${payload(String(i))}\n\n`
      server.script = async (write) => {
        await write(HEAD + ":ok\n\n" + body)
      }
      const events = yield* stream({ deviceId: "mine", reconnect: false }).pipe(Stream.take(100), Stream.runCollect)
      expect(Chunk.toReadonlyArray(events).map((e) => e.name)).toEqual(
        Array.from({ length: 100 }, (_, i) => `first/${i}`)
      )
    }))

  it.effect("an oversize line is skipped with a log line (memory bounded by maxEventSize) and the stream goes on", () =>
    Effect.gen(function*() {
      const server = yield* RawServer
      const { layer: loggerLayer, logs } = captureLogs()
      server.script = async (write) => {
        await write(HEAD + ":ok\n\nevent: huge\ndata: {\"data\":\"")
        for (let i = 0; i < 10; i++) await write("z".repeat(10_000))
        await write(`"}\n\nevent: fine\ndata: ${payload("ok")}\n\n`)
      }
      const items = yield* streamWithStatus({ deviceId: "mine", reconnect: false, maxEventSize: 4096 }).pipe(
        Stream.take(4),
        Stream.runCollect,
        Effect.provide(loggerLayer)
      )
      const [, , malformed, event] = Chunk.toReadonlyArray(items)
      expect(malformed).toMatchObject({ _tag: "MalformedEvent", reason: "LineTooLong", name: "huge" })
      expect((malformed as Event.MalformedEvent).data.length).toBeLessThanOrEqual(1024)
      expect(event).toMatchObject({ _tag: "Event", name: "fine", data: "ok" })
      const warning = logs.find((l) => l.level === "WARN")!
      expect(warning.message).toContain("Skipped a malformed Particle event")
      expect(warning.annotations).toMatchObject({ event: "huge", reason: "LineTooLong" })
    }))

  it.effect("a connection cut in the middle of an event reports Truncated, then the stream reconnects", () =>
    Effect.gen(function*() {
      const server = yield* RawServer
      server.connections = 0
      server.script = async (write, socket) => {
        if (server.connections === 1) {
          await write(HEAD + `:ok\n\nevent: whole\ndata: ${payload("1")}\n\nevent: cut\ndata: {"da`)
          socket.end()
        } else {
          await write(HEAD + `:ok\n\nevent: second\ndata: ${payload("2")}\n\n`)
        }
      }
      const items = yield* streamWithStatus({
        deviceId: "mine",
        reconnect: { initialDelay: "1 millis", jitter: false }
      }).pipe(
        Stream.filter((i) => i._tag !== "Connecting" && i._tag !== "Connected"),
        Stream.take(4),
        Stream.runCollect,
        Effect.provide(Logger.remove(Logger.defaultLogger))
      )
      const list = Chunk.toReadonlyArray(items)
      expect(list.map((i) => i._tag)).toEqual(["Event", "MalformedEvent", "Reconnecting", "Event"])
      expect(list[1]).toMatchObject({ reason: "Truncated", name: "cut" })
      expect(list[3]).toMatchObject({ name: "second" })
    }).pipe(TestServices.provideLive)) // the 1 ms reconnect delay runs on the real clock

  it.effect("an HTML 502 from a proxy is a ServerError (retryable), whose body text is kept", () =>
    Effect.gen(function*() {
      const server = yield* RawServer
      server.script = async (write, socket) => {
        const html = "<html><body>Bad Gateway</body></html>"
        await write(
          `HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: ${html.length}\r\nConnection: close\r\n\r\n${html}`
        )
        socket.end()
      }
      const result = yield* Stream.runDrain(stream({ deviceId: "mine", reconnect: false })).pipe(Effect.either)
      expect(Either.isLeft(result) && result.left._tag).toBe("ServerError")
      expect(Either.isLeft(result) && result.left.message).toContain("Bad Gateway")
    }))
})
