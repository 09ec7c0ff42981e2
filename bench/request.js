// Request cost: getVariable over loopback against a fixture server in another process.
// Run by run.js in a child process; standalone: node bench/request.js [--quick] [--profile <client> --calls N]
import { ParticleClient } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import { getVariable } from "@effect-particle/devices"
import { Effect, ManagedRuntime, Redacted } from "effect"
import http from "node:http"
import { createRequire } from "node:module"
import { parseArgs } from "node:util"
import { benchDir, cpuMicros, forkServer, stopChild } from "./lib/common.js"

const Particle = createRequire(import.meta.url)("particle-api-js")

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    calls: { type: "string" },
    rounds: { type: "string" },
    warmup: { type: "string" },
    profile: { type: "string" },
    icount: { type: "string" }
  }
})
const CALLS = Number(opts.calls ?? (opts.quick ? 300 : 3000))
const ROUNDS = Number(opts.rounds ?? (opts.quick ? 2 : 5))
const WARMUP = Number(opts.warmup ?? (opts.quick ? 600 : 6000))
const CONCURRENCY = 16
const DEVICE = "0123456789abcdef01234567"
const NAME = "temperature"
const TOKEN = "0123456789abcdef0123456789abcdef01234567"

const server = await forkServer(benchDir + "servers/variable-server.js")
const base = `http://127.0.0.1:${server.port}`

/** Runs `n` calls of `call` with `concurrency` workers. */
const loop = async (call, n, concurrency) => {
  let next = 0
  const worker = async () => {
    while (next < n) {
      next++
      const r = await call()
      if (r === undefined) throw new Error("empty result")
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

const effectClient = (label, layer, note) => {
  let rt = ManagedRuntime.make(layer)
  const call = () => rt.runPromise(getVariable({ deviceId: DEVICE, name: NAME }))
  return { label, note, run: (n, c) => loop(call, n, c), dispose: () => rt.dispose() }
}

const options = { baseUrl: base, accessToken: Redacted.make(TOKEN), rateLimit: false }

const oursNode = () =>
  effectClient(
    "effect-particle, node layer",
    NodeParticle.layer(options),
    "`@effect-particle/core/node` `layer` (recommended on Node)"
  )
const oursFetch = () =>
  effectClient(
    "effect-particle, fetch layer",
    ParticleClient.layerFetch(options),
    "`ParticleClient.layerFetch` (browsers, other runtimes)"
  )
const oursWeb = () =>
  effectClient(
    "effect-particle, web layer",
    ParticleClient.layerWeb(options),
    "`ParticleClient.layerWeb` (plain `fetch`, no `@effect/platform`)"
  )

const oursNodeNative = () => {
  // the same layer, calls composed inside one Effect program (Effect.forEach) instead of one runPromise per call
  const rt = ManagedRuntime.make(NodeParticle.layer(options))
  const run = (n, c) =>
    rt.runPromise(
      Effect.forEach(Array.from({ length: n }), () => getVariable({ deviceId: DEVICE, name: NAME }), {
        concurrency: c,
        discard: true
      })
    )
  return {
    label: "effect-particle, node layer, Effect.forEach",
    note: "one `runPromise` around `Effect.forEach` over the calls",
    run,
    dispose: () => rt.dispose()
  }
}

const oursNodeLimiter = () => {
  // default client-side limiter (10,000 / 5 min): a fresh runtime (and limiter) every round stays under budget
  let rt
  const call = () => rt.runPromise(getVariable({ deviceId: DEVICE, name: NAME }))
  return {
    label: "effect-particle, node layer, default rate limiter",
    note: "as the node layer, `rateLimit` left at its default (fresh client each round, under the 10,000/5 min budget)",
    perRound: true,
    start: async () => {
      rt = ManagedRuntime.make(NodeParticle.layer({ ...options, rateLimit: undefined }))
      await loop(call, 64, CONCURRENCY)
    },
    stop: () => rt.dispose(),
    run: (n, c) => loop(call, n, c),
    dispose: () => (rt ? rt.dispose() : undefined)
  }
}

const apiJs = () => {
  const p = new Particle({ baseUrl: base })
  const call = () => p.getVariable({ deviceId: DEVICE, name: NAME, auth: TOKEN }).then((r) => r.body)
  return {
    label: "particle-api-js 12.0.3",
    note: "`new Particle().getVariable` (node-fetch 2 over `node:http`)",
    run: (n, c) => loop(call, n, c)
  }
}

const rawFetch = () => {
  const url = `${base}/v1/devices/${DEVICE}/${NAME}`
  const headers = { authorization: `Bearer ${TOKEN}` }
  const call = () => fetch(url, { headers }).then((r) => r.text()).then(JSON.parse)
  return { label: "raw fetch + JSON.parse", note: "global `fetch` (undici)", run: (n, c) => loop(call, n, c) }
}

const bareHttp = () => {
  const agent = new http.Agent({ keepAlive: true })
  const reqOpts = {
    host: "127.0.0.1",
    port: server.port,
    path: `/v1/devices/${DEVICE}/${NAME}`,
    agent,
    headers: { authorization: `Bearer ${TOKEN}` }
  }
  const call = () =>
    new Promise((resolve, reject) => {
      http
        .get(reqOpts, (res) => {
          const chunks = []
          res.on("data", (c) => chunks.push(c))
          res.on("end", () => {
            try {
              resolve(JSON.parse(chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString()))
            } catch (e) {
              reject(e)
            }
          })
        })
        .on("error", reject)
    })
  return {
    label: "bare node:http + JSON.parse (the limit)",
    note: "`http.get` with a keep-alive `Agent`",
    run: (n, c) => loop(call, n, c),
    dispose: () => agent.destroy()
  }
}

const factories = {
  "ours-node": oursNode,
  "ours-fetch": oursFetch,
  "ours-web": oursWeb,
  "ours-node-forEach": oursNodeNative,
  "ours-node-limiter": oursNodeLimiter,
  "particle-api-js": apiJs,
  fetch: rawFetch,
  "node-http": bareHttp
}

const measure = async (client, n, c) => {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  await client.run(n, c)
  const wall = performance.now() - t0
  return { wallUs: (wall * 1000) / n, cpuUs: cpuMicros(c0) / n }
}

if (opts.profile) {
  // profiling mode (run under node --cpu-prof): warm up, then `calls` sequential calls of one client
  const client = factories[opts.profile]()
  if (client.start) await client.start()
  await client.run(WARMUP, 1)
  const r = await measure(client, CALLS, 1)
  console.error(
    `[profile] ${client.label}: ${r.cpuUs.toFixed(0)} µs CPU/call, ${
      r.wallUs.toFixed(0)
    } µs wall/call over ${CALLS} calls`
  )
  await client.dispose?.()
  await stopChild(server.child)
  process.exit(0)
}

if (opts.icount) {
  // instruction-count mode, run under valgrind by bench/icount.js: warm up, then for each mode tell the
  // parent where the measured calls start and end (it zeroes and dumps callgrind's counters there)
  const client = factories[opts.icount]()
  if (client.start) await client.start()
  const mark = (name) =>
    new Promise((resolve) => {
      process.once("message", resolve)
      process.send({ type: "mark", name })
    })
  await client.run(Math.ceil(WARMUP / 2), 1)
  await client.run(Math.floor(WARMUP / 2), CONCURRENCY)
  for (const [mode, conc] of [["seq", 1], ["c16", CONCURRENCY]]) {
    await mark(`${mode}-start`)
    await client.run(CALLS, conc)
    await mark(`${mode}-end`)
  }
  await client.dispose?.()
  await stopChild(server.child)
  process.exit(0)
}

const ids = Object.keys(factories)
const clients = Object.fromEntries(ids.map((id) => [id, factories[id]()]))

// warm-up: every client, interleaved, WARMUP calls (Effect code keeps getting faster for ~6,000 calls)
const t0 = performance.now()
for (let w = 0; w < 3; w++) {
  for (const id of ids) {
    const cl = clients[id]
    if (cl.perRound) continue
    await cl.run(Math.ceil(WARMUP / 3), w === 2 ? CONCURRENCY : 1)
  }
}
const warmupSeconds = (performance.now() - t0) / 1000

const results = Object.fromEntries(
  ids.map((id) => [id, { seq: { wallUs: [], cpuUs: [] }, c16: { wallUs: [], cpuUs: [] } }])
)
for (let r = 0; r < ROUNDS; r++) {
  for (const id of ids) if (clients[id].perRound) await clients[id].start()
  for (const [mode, conc] of [["seq", 1], ["c16", CONCURRENCY]]) {
    // alternate the order every round: A B C … then … C B A
    const order = r % 2 === 0 ? ids : [...ids].reverse()
    for (const id of order) {
      const m = await measure(clients[id], CALLS, conc)
      results[id][mode].wallUs.push(m.wallUs)
      results[id][mode].cpuUs.push(m.cpuUs)
    }
  }
  for (const id of ids) if (clients[id].perRound) await clients[id].stop()
  if (!process.send) console.error(`[request] round ${r + 1}/${ROUNDS} done`)
}
for (const id of ids) await clients[id].dispose?.()
await stopChild(server.child)

const out = {
  calls: CALLS,
  rounds: ROUNDS,
  warmup: WARMUP,
  warmupSeconds,
  concurrency: CONCURRENCY,
  clients: ids.map((id) => ({ id, label: clients[id].label, note: clients[id].note, ...results[id] }))
}
if (process.send) process.send({ type: "result", result: out })
else console.log(JSON.stringify(out, null, 1))
process.exit(0)
