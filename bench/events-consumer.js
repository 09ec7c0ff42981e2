// One event-throughput measurement in a fresh process (so that peak RSS belongs to one client):
//   node bench/events-consumer.js <client> <port> <count> <warmupCount> <robustnessCount>
// 1. warm-up: a stream of <warmupCount> events (LF); 2. measured: <count> events (LF);
// 3. robustness: <robustnessCount> events with CRLF line endings (only the lost count is kept).
import { ParticleClient } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import { stream } from "@effect-particle/events"
import { Effect, ManagedRuntime, Redacted, Stream } from "effect"
import { createRequire } from "node:module"
import { cpuMicros } from "./lib/common.js"

const [clientId, portArg, countArg, warmArg, robustArg] = process.argv.slice(2)
const base = `http://127.0.0.1:${portArg}`
const TOKEN = "0123456789abcdef0123456789abcdef01234567"

let received = 0
let outOfOrder = 0
let lastSeq = -1
let badName = 0
let expectedName = ""
const onEvent = (e) => {
  received++
  const seq = parseInt(e.data, 10)
  if (seq !== lastSeq + 1) outOfOrder++
  lastSeq = seq
  if (e.name !== expectedName) badName++
}

// How the application consumes the stream: an Effect per event (what most code writes), or each chunk
// handled synchronously in the callback with the constant `Effect.void` returned (no Effect per chunk that
// holds the chunk, which is what makes V8 promote every event: bench/upstream/README.md §2).
const perEvent = Stream.runForEach((e) => Effect.sync(() => onEvent(e)))
const perChunk = Stream.runForEachChunk((chunk) => {
  for (const e of chunk) onEvent(e)
  return Effect.void
})

const effectClient = (layer, raw = false, consume = perEvent) => {
  const rt = ManagedRuntime.make(layer)
  return {
    consume: (name) =>
      rt.runPromise(
        stream({ deviceId: "mine", name, reconnect: false, raw }).pipe(
          consume,
          Effect.catchAll((e) => Effect.sync(() => e._tag))
        )
      ),
    dispose: () => rt.dispose()
  }
}

const options = { baseUrl: base, accessToken: Redacted.make(TOKEN), rateLimit: false }

const clients = {
  "ours-node": () => effectClient(NodeParticle.layer(options)),
  "ours-node-raw": () => effectClient(NodeParticle.layer(options), true),
  "ours-node-chunk": () => effectClient(NodeParticle.layer(options), false, perChunk),
  "ours-node-raw-chunk": () => effectClient(NodeParticle.layer(options), true, perChunk),
  "ours-fetch": () => effectClient(ParticleClient.layerFetch(options)),
  "ours-web": () => effectClient(ParticleClient.layerWeb(options)),
  "particle-api-js": () => {
    const Particle = createRequire(import.meta.url)("particle-api-js")
    const p = new Particle({ baseUrl: base })
    return {
      consume: async (name) => {
        const s = await p.getEventStream({ deviceId: "mine", name, auth: TOKEN })
        s.on("event", onEvent)
        await new Promise((resolve) =>
          s.on("disconnect", () => {
            // abort() alone does not cancel the 2 s reconnect (particle-api-js bug), so disable it here
            s.reconnect = () => {}
            s.abort()
            resolve()
          })
        )
      }
    }
  },
  fetch: () => ({ consume: (name) => rawFetchSse(`${base}/v1/devices/events/${name}`) })
}

/** raw fetch + a minimal SSE parser (LF, CR and CRLF line ends across chunks; UTF-8 via a streaming TextDecoder) */
const rawFetchSse = async (url) => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })
  if (res.status !== 200) throw new Error(`status ${res.status}`)
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  let buf = ""
  let event = ""
  let data = ""
  let hasData = false
  let skipLF = false
  const line = (l) => {
    if (l.length === 0) {
      if (hasData) {
        const obj = JSON.parse(data)
        obj.name = event
        onEvent(obj)
      }
      event = ""
      data = ""
      hasData = false
      return
    }
    if (l.charCodeAt(0) === 58) return // ":" comment
    const colon = l.indexOf(":")
    const field = colon === -1 ? l : l.slice(0, colon)
    let value = colon === -1 ? "" : l.slice(colon + 1)
    if (value.charCodeAt(0) === 32) value = value.slice(1)
    if (field === "event") event = value
    else if (field === "data") {
      data = hasData ? data + "\n" + value : value
      hasData = true
    }
  }
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    let text = decoder.decode(value, { stream: true })
    if (skipLF && text.charCodeAt(0) === 10) text = text.slice(1)
    skipLF = false
    buf = buf.length === 0 ? text : buf + text
    let start = 0
    let cr = buf.indexOf("\r")
    let lf = buf.indexOf("\n")
    while (cr !== -1 || lf !== -1) {
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf)
      line(buf.slice(start, end))
      start = end + 1
      if (end === cr) {
        if (start === buf.length) skipLF = true
        else if (buf.charCodeAt(start) === 10) start++
        cr = buf.indexOf("\r", start)
      }
      if (lf !== -1 && lf < start) lf = buf.indexOf("\n", start)
    }
    buf = start === buf.length ? "" : buf.slice(start)
  }
}

const client = clients[clientId]()

// RSS sampler (the event loop gets a turn between chunks for every client)
let peakSampled = 0
const sample = () => {
  const r = process.memoryUsage.rss()
  if (r > peakSampled) peakSampled = r
}
const sampler = setInterval(sample, 10)

const run = async (name, count) => {
  received = 0
  outOfOrder = 0
  lastSeq = -1
  badName = 0
  expectedName = `${name}/temp`
  sample()
  const rssStart = process.memoryUsage.rss()
  peakSampled = rssStart
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const end = await client.consume(name)
  const wallMs = performance.now() - t0
  const cpu = cpuMicros(c0)
  sample()
  return {
    count,
    received,
    lost: count - received,
    outOfOrder,
    badName,
    wallMs,
    cpuUs: cpu,
    rssStart,
    rssPeak: peakSampled,
    end: typeof end === "string" ? end : undefined
  }
}

const warm = await run(`bench-lf-${warmArg}`, Number(warmArg))
const measured = await run(`bench-lf-${countArg}`, Number(countArg))
const robust = await run(`bench-crlf-${robustArg}`, Number(robustArg))
clearInterval(sampler)
await client.dispose?.()
const result = {
  client: clientId,
  warm,
  measured,
  robust,
  eventsPerSec: measured.received / (measured.wallMs / 1000),
  cpuUsPerEvent: measured.cpuUs / Math.max(1, measured.received),
  maxRssProcess: process.resourceUsage().maxRSS * 1024
}
if (process.send) process.send({ type: "result", result })
else console.log(JSON.stringify(result, null, 1))
process.exit(0)
