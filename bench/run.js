// pnpm bench entry point (the root script builds first):
//   node bench/run.js [--quick] [--only request,events,memory,bundle,coldstart,icount,scale]
// Runs every section, keeps raw results in bench/results.json (so --only can refresh one section) and writes
// BENCHMARKS.md at the repository root.
import { execFileSync } from "node:child_process"
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync
} from "node:fs"
import os from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { barChart, kindOf } from "./lib/chart.js"
import { benchDir, fmt, forkServer, machine, median, runChild, stopChild, summary } from "./lib/common.js"
import { analyze, eventAreas } from "./lib/profile.js"

const { values: opts } = parseArgs({
  options: { quick: { type: "boolean", default: false }, only: { type: "string" } }
})
const QUICK = opts.quick
const SECTIONS = ["request", "events", "memory", "bundle", "coldstart", "icount", "scale"]
// `--only ""` runs nothing and rewrites BENCHMARKS.md (and the charts) from bench/results.json
const ONLY = new Set((opts.only ?? SECTIONS.join(",")).split(",").map((s) => s.trim()).filter(Boolean))
for (const s of ONLY) {
  if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s} (${SECTIONS.join(", ")})`)
}
// valgrind takes minutes however few the calls: a smoke test counts instructions only when asked to (--only icount)
if (QUICK && opts.only === undefined) ONLY.delete("icount")
const repo = join(benchDir, "..")
const resultsPath = join(benchDir, "results.json")
const log = (...a) => console.error("[bench]", ...a)

const API_JS_GZ = 58_531 // particle-api-js one-call browser bundle with polyfills (reference/particle-api-js.md §8)
const kb = (b) => (b / 1000).toFixed(1)
const ratioSummary = (as, bs) => summary(as.map((a, i) => a / bs[i]))
const fmtRatio = (s) => (s ? `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : "—")
const mark = (met) => (met ? "**MET**" : "**MISSED**")

const results = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, "utf8")) : {}
const save = () => writeFileSync(resultsPath, JSON.stringify(results, null, 1) + "\n")
const started = Date.now()

// ---------------------------------------------------------------------------------------------------------
// request cost
// ---------------------------------------------------------------------------------------------------------
const profileRun = async (script, args, label, areas) => {
  const dir = mkdtempSync(join(os.tmpdir(), "bench-prof-"))
  try {
    execFileSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, join(benchDir, script), ...args], {
      stdio: ["ignore", "ignore", "inherit"]
    })
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))
    return {
      label,
      command: `node --cpu-prof bench/${script} ${args.join(" ")}`,
      ...analyze(join(dir, file), 15, areas)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (ONLY.has("request")) {
  log("request cost…")
  const r = await runChild(join(benchDir, "request.js"), QUICK ? ["--quick"] : [])
  const by = Object.fromEntries(r.clients.map((c) => [c.id, c]))
  const seqNodeVsApi = ratioSummary(by["ours-node"].seq.cpuUs, by["particle-api-js"].seq.cpuUs)
  const seqNodeVsBare = ratioSummary(by["ours-node"].seq.cpuUs, by["node-http"].seq.cpuUs)
  const missed = seqNodeVsApi.median > 1 || seqNodeVsBare.median > 1.3
  r.profile = undefined
  if (missed || QUICK) {
    log("profiling the node layer (node --cpu-prof)…")
    const pargs = (id) => ["--profile", id, "--calls", QUICK ? "2000" : "20000", ...(QUICK ? ["--warmup", "2000"] : [])]
    r.profile = await profileRun("request.js", pargs("ours-node"), "effect-particle node layer, sequential getVariable")
    r.profileBare = await profileRun("request.js", pargs("node-http"), "bare node:http, sequential")
    r.profile.totalCalls = r.profileBare.totalCalls = (QUICK ? 2000 : 20000) + (QUICK ? 2000 : 6000)
  }
  results.request = { ...r, quick: QUICK, at: new Date().toISOString() }
  save()
}

// ---------------------------------------------------------------------------------------------------------
// event throughput
// ---------------------------------------------------------------------------------------------------------
if (ONLY.has("events")) {
  log("event throughput…")
  const COUNT = QUICK ? 20_000 : 200_000
  const WARM = QUICK ? 5_000 : 20_000
  const ROBUST = QUICK ? 5_000 : 20_000
  const ROUNDS = QUICK ? 1 : 5
  const ids = [
    "ours-node",
    "ours-node-raw",
    "ours-node-chunk",
    "ours-node-raw-chunk",
    "ours-fetch",
    "ours-web",
    "particle-api-js",
    "fetch"
  ]
  const server = await forkServer(join(benchDir, "servers/sse-server.js"))
  const keys = [`bench-lf-${WARM}`, `bench-lf-${COUNT}`, `bench-crlf-${ROBUST}`]
  server.child.send({ type: "prepare", keys })
  const info = await new Promise((res) => server.child.once("message", (m) => res(m.info)))
  const runs = Object.fromEntries(ids.map((id) => [id, []]))
  const args = (id) => [id, String(server.port), String(COUNT), String(WARM), String(ROBUST)]
  for (let round = 0; round < ROUNDS; round++) {
    for (const id of round % 2 === 0 ? ids : [...ids].reverse()) {
      runs[id].push(await runChild(join(benchDir, "events-consumer.js"), args(id)))
    }
    log(`events round ${round + 1}/${ROUNDS}`)
  }
  // memory flatness with a capped old space: live memory must not grow with the number of events
  const capped = {}
  for (const id of ["ours-node", "particle-api-js", "fetch"]) {
    capped[id] = await runChild(join(benchDir, "events-consumer.js"), args(id), ["--max-old-space-size=48"])
  }
  // the profile breakdown (always: BENCHMARKS.md compares it with the study's figures from before)
  log("profiling the events stream, particle-api-js and raw fetch (node --cpu-prof)…")
  const profile = await profileRun(
    "events-consumer.js",
    args("ours-node"),
    "effect-particle events `stream`, node layer",
    eventAreas
  )
  const profilePeer = await profileRun("events-consumer.js", args("particle-api-js"), "particle-api-js", eventAreas)
  const profileBare = await profileRun("events-consumer.js", args("fetch"), "raw fetch + parser", eventAreas)
  await stopChild(server.child)
  results.events = {
    quick: QUICK,
    at: new Date().toISOString(),
    count: COUNT,
    warm: WARM,
    robust: ROBUST,
    rounds: ROUNDS,
    info,
    runs,
    capped,
    profile,
    profilePeer,
    profileBare
  }
  save()
}

// ---------------------------------------------------------------------------------------------------------
// memory at scale
// ---------------------------------------------------------------------------------------------------------
if (ONLY.has("memory")) {
  log("memory at scale…")
  const sizes = QUICK ? [1_000, 5_000] : [10_000, 100_000]
  const ROUNDS = QUICK ? 1 : 2
  const out = []
  for (const n of sizes) {
    const sim = await forkServer(join(benchDir, "servers/sim-server.js"), [String(n)])
    const def = []
    const cap = []
    for (let r = 0; r < ROUNDS; r++) {
      def.push(await runChild(join(benchDir, "devices-consumer.js"), [sim.url, sim.accessToken, String(n)]))
      cap.push(
        await runChild(join(benchDir, "devices-consumer.js"), [sim.url, sim.accessToken, String(n)], [
          "--max-old-space-size=48"
        ])
      )
    }
    await stopChild(sim.child)
    out.push({ devices: n, createMs: sim.createMs, default: def, capped: cap })
    log(`memory ${n} devices done`)
  }
  results.memory = { quick: QUICK, at: new Date().toISOString(), sizes: out }
  save()
}

// ---------------------------------------------------------------------------------------------------------
// bundle size
// ---------------------------------------------------------------------------------------------------------
if (ONLY.has("bundle")) {
  log("bundle size…")
  const { programs, esbuildBundle, rollupBundle } = await import("./lib/bundle.js")
  const { checkBundle } = await import("./check-bundle.js")
  const out = {}
  for (const [id, p] of Object.entries(programs)) {
    const e = await esbuildBundle(p.source, { external: p.external ?? [] })
    const r = id.startsWith("particle-api-js")
      ? undefined
      : await rollupBundle(p.source, { external: p.external ?? [] })
    out[id] = {
      title: p.title,
      esbuild: { min: e.min, gz: e.gz, br: e.br, byPackage: e.byPackage, nodeBuiltins: e.nodeBuiltins },
      rollup: r
    }
  }
  // what was tried to cut the one-call bundle
  const deep =
    `import { ParticleClient } from "@effect-particle/core"\nimport { getVariable } from "@effect-particle/devices"\n` +
    `import * as Effect from "effect/Effect"\nimport * as Redacted from "effect/Redacted"\n` +
    `Effect.runPromise(getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(Effect.provide(ParticleClient.layerWeb({ accessToken: Redacted.make("token") })))).then(console.log, console.error)\n`
  const tried = []
  const e1 = await esbuildBundle(deep)
  tried.push({
    what: "esbuild, deep imports (`effect/Effect`, `effect/Redacted`) instead of the `effect` barrel",
    min: e1.min,
    gz: e1.gz
  })
  const r1 = await rollupBundle(deep)
  tried.push({ what: "rollup + terser, deep imports", min: r1.min, gz: r1.gz })
  const r2 = await rollupBundle(programs["one-call"].source, {
    terserOptions: { compress: { passes: 3, pure_getters: true, unsafe: true }, mangle: { toplevel: true } }
  })
  tried.push({
    what: "rollup + terser with `passes: 3, pure_getters, unsafe, toplevel mangle`",
    min: r2.min,
    gz: r2.gz
  })
  const r3 = await rollupBundle(programs["one-call"].source, { treeshake: { moduleSideEffects: false } })
  tried.push({
    what: "rollup with `treeshake.moduleSideEffects: false` (no module kept for side effects)",
    min: r3.min,
    gz: r3.gz
  })
  const e4 = await esbuildBundle(programs["one-call"].source, { extra: { target: "es2020" } })
  tried.push({ what: "esbuild `--target=es2020`", min: e4.min, gz: e4.gz })
  const check = await checkBundle()
  results.bundle = { quick: QUICK, at: new Date().toISOString(), programs: out, tried, check }
  save()
}

// ---------------------------------------------------------------------------------------------------------
// cold start
// ---------------------------------------------------------------------------------------------------------
if (ONLY.has("coldstart")) {
  log("cold start…")
  const r = await runChild(join(benchDir, "coldstart.js"), ["--rounds", QUICK ? "2" : "7"])
  results.coldstart = { ...r, quick: QUICK, at: new Date().toISOString() }
  save()
}

// ---------------------------------------------------------------------------------------------------------
// instruction counts per call (valgrind)
// ---------------------------------------------------------------------------------------------------------
if (ONLY.has("icount")) {
  const { available } = await import("./icount.js")
  if (!available()) {
    log("icount: valgrind not found, section skipped")
    results.icount = { skipped: "valgrind was not found on this machine", quick: QUICK, at: new Date().toISOString() }
  } else {
    log("instruction counts (valgrind --tool=callgrind; minutes)…")
    const a = QUICK
      ? ["--calls", "100", "--warmup", "500", "--clients", "ours-node,particle-api-js,node-http"]
      : ["--calls", "600", "--warmup", "3000", "--clients", "ours-node,ours-web,particle-api-js,node-http"]
    const r = await runChild(join(benchDir, "icount.js"), a)
    results.icount = { ...r, quick: QUICK, at: new Date().toISOString() }
  }
  save()
}

// ---------------------------------------------------------------------------------------------------------
// memory at scale: heap at 10 % and 100 % (product devices, a slow consumer of events)
// ---------------------------------------------------------------------------------------------------------
if (ONLY.has("scale")) {
  log("scale: product devices…")
  const DEVICES = QUICK ? 5_000 : 100_000
  const EVENTS = QUICK ? 50_000 : 1_000_000
  const sim = await forkServer(join(benchDir, "servers/sim-server.js"), [String(DEVICES)])
  const devices = {}
  for (const id of ["ours-node", "particle-api-js", "node-http"]) {
    devices[id] = await runChild(join(benchDir, "devices-consumer.js"), [
      sim.url,
      sim.accessToken,
      String(DEVICES),
      id
    ])
  }
  await stopChild(sim.child)
  log("scale: a slow consumer of events…")
  const server = await forkServer(join(benchDir, "servers/sse-server.js"))
  server.child.send({ type: "prepare", keys: [`bench-lf-${EVENTS}`] })
  await new Promise((res) => server.child.once("message", res))
  const slow = {}
  for (const id of ["ours-node", "ours-node-raw", "ours-web", "particle-api-js", "fetch"]) {
    slow[id] = await runChild(join(benchDir, "slow-consumer.js"), [id, String(server.port), String(EVENTS)])
  }
  await stopChild(server.child)
  results.scale = {
    quick: QUICK,
    at: new Date().toISOString(),
    devices: DEVICES,
    events: EVENTS,
    devicesRuns: devices,
    slow
  }
  save()
}

// ---------------------------------------------------------------------------------------------------------
// BENCHMARKS.md
// ---------------------------------------------------------------------------------------------------------
const version = (name) => {
  for (const base of [join(benchDir, "node_modules"), join(repo, "node_modules")]) {
    const p = join(base, name, "package.json")
    if (existsSync(p)) return JSON.parse(readFileSync(realpathSync(p), "utf8")).version
  }
  const p = join(repo, "node_modules/.pnpm")
  const hit = readdirSync(p).find((d) => d.startsWith(name.replace("/", "+") + "@"))
  return hit ? hit.slice(name.length + 1).split("_")[0] : "?"
}
const m = machine()
const L = []
const P = (s = "") => L.push(s)
P("# Benchmarks")
P()
P("Generated by `pnpm bench` (`bench/run.js`). Every number below was measured by that script; nothing is typed in by hand.")
const quickSections = Object.entries(results).filter(([, v]) => v && v.quick).map(([k]) => k)
if (quickSections.length) {
  P(`\n> **Smoke-test numbers** (\`--quick\`, small counts) in: ${
    quickSections.join(", ")
  }. Run \`pnpm bench\` for the real figures.`)
}
P()
P("## Machine and versions")
P()
P(`- CPU: ${m.cpu}, ${m.cores} cores; RAM ${m.ramGiB} GiB; ${m.os}`)
P(`- Node ${m.node} (V8 ${m.v8})`)
P(`- effect ${version("effect")}, @effect/platform ${version("@effect/platform")}, @effect-particle/* ${
  version("@effect-particle/core")
} (workspace), particle-api-js ${version("particle-api-js")} (node-fetch ${version("node-fetch")}), esbuild ${
  version("esbuild")
}, rollup ${version("rollup")}, @rollup/plugin-node-resolve ${
  version("@rollup/plugin-node-resolve")
}, @rollup/plugin-terser ${version("@rollup/plugin-terser")} (terser ${version("terser")})`)
P(`- Sections last run: ${Object.entries(results).map(([k, v]) => `${k} ${v.at}`).join(", ")}`)
P()
P("## Reproduce")
P()
P("```sh")
P("pnpm install --frozen-lockfile")
P("pnpm bench                                  # = turbo run build && node bench/run.js  (all sections, writes BENCHMARKS.md)")
P("node bench/run.js --only request            # one section (request | events | memory | bundle | coldstart | icount | scale, comma-separated); the others are kept from bench/results.json")
P("node bench/run.js --quick                   # smoke test with small counts (skips icount unless --only names it)")
P("node bench/check-bundle.js                  # the bundle-size check (exit 1 on a Node built-in or over budget)")
P("node --cpu-prof bench/request.js --profile ours-node --calls 20000   # CPU profile of the node layer")
P("```")
P()
P("Rules: all servers run in separate processes on 127.0.0.1; clients are compared in the same run, alternating their order every round (A B C … then … C B A); each Effect client is warmed up with ~6,000 calls (the request section warms up every client the same way); no GC is forced anywhere. Tables show the **median (min–max) over the rounds**; ratios are computed per round, then summarised the same way.")
P()

const targets = []
// one small SVG bar chart per section, next to BENCHMARKS.md's table
const chartsDir = join(benchDir, "charts")
mkdirSync(chartsDir, { recursive: true })
const chart = (section, spec) => {
  writeFileSync(join(chartsDir, `${section}.svg`), barChart(spec))
  P(`![${spec.title}](bench/charts/${section}.svg)`)
  P()
}

if (results.request) {
  const r = results.request
  const by = Object.fromEntries(r.clients.map((c) => [c.id, c]))
  P("## 1. Request cost: `getVariable` over loopback")
  P()
  P(`Fixture: \`bench/servers/variable-server.js\` in a child process answers \`GET /v1/devices/:id/:name\` with a Particle-shaped variable body (~230 B JSON, keep-alive). ${
    r.calls.toLocaleString("en-US")
  } calls per client per mode per round, ${r.rounds} rounds, warm-up ${
    r.warmup.toLocaleString("en-US")
  } calls per client (${
    r.warmupSeconds.toFixed(1)
  } s). CPU = \`process.cpuUsage()\` (user + system) of the client process ÷ calls. Effect clients use \`rateLimit: false\` except the row that says otherwise; every other option is the default (retry policy, 30 s timeout, one span per operation). Each call is \`runtime.runPromise(getVariable({ deviceId, name }))\`, as a Promise-based app would call it, except the \`Effect.forEach\` row.`)
  P()
  for (const [mode, title] of [["seq", "sequential"], ["c16", `concurrency ${r.concurrency}`]]) {
    P(`### ${title}`)
    P()
    P("| client | µs wall / call | µs CPU / call | CPU vs particle-api-js | CPU vs bare node:http |")
    P("|---|---:|---:|---:|---:|")
    for (const c of r.clients) {
      P(`| ${c.label} | ${fmt(summary(c[mode].wallUs))} | ${fmt(summary(c[mode].cpuUs))} | ${
        fmtRatio(ratioSummary(c[mode].cpuUs, by["particle-api-js"][mode].cpuUs))
      } | ${fmtRatio(ratioSummary(c[mode].cpuUs, by["node-http"][mode].cpuUs))} |`)
    }
    P()
  }
  P("Clients: " + r.clients.map((c) => `*${c.label}*: ${c.note}`).join("; ") + ".")
  P()
  chart("request", {
    title: "getVariable: µs CPU per call (median over the rounds; lower is better)",
    unit: "µs",
    groups: [["seq", "sequential"], ["c16", `concurrency ${r.concurrency}`]].map(([mode, title]) => ({
      title,
      rows: r.clients.map((c) => ({ label: c.id, value: median(c[mode].cpuUs), kind: kindOf(c.id) }))
    }))
  })
  for (const mode of ["seq", "c16"]) {
    const a = ratioSummary(by["ours-node"][mode].cpuUs, by["particle-api-js"][mode].cpuUs)
    const b = ratioSummary(by["ours-node"][mode].cpuUs, by["node-http"][mode].cpuUs)
    const modeName = mode === "seq" ? "sequential" : "concurrency 16"
    targets.push({
      t: `Request CPU, node layer ≤ particle-api-js (${modeName})`,
      met: a.median <= 1,
      fig: `${fmt(summary(by["ours-node"][mode].cpuUs))} µs vs ${
        fmt(summary(by["particle-api-js"][mode].cpuUs))
      } µs = ${fmtRatio(a)}`
    })
    targets.push({
      t: `Request CPU, node layer ≤ 1.3× bare node:http (${modeName})`,
      met: b.median <= 1.3,
      fig: `${fmt(summary(by["ours-node"][mode].cpuUs))} µs vs ${fmt(summary(by["node-http"][mode].cpuUs))} µs = ${
        fmtRatio(b)
      }`
    })
  }
  const lim = ratioSummary(by["ours-node-limiter"].seq.cpuUs, by["ours-node"].seq.cpuUs)
  P(`Cost of the default client-side rate limiter (sequential, CPU with ÷ without): ${fmtRatio(lim)}.`)
  P()
  if (r.profile) {
    const p = r.profile
    P(`### Where the time goes (${p.label})`)
    P()
    const pb = r.profileBare
    P(`\`${p.command}\` (warm-up included, ${
      p.totalCalls.toLocaleString("en-US")
    } calls in all, process start-up and module loading included): ${
      p.totalMs.toFixed(0)
    } ms of samples on CPU (idle excluded), i.e. ${
      ((p.totalMs * 1000) / p.totalCalls).toFixed(0)
    } µs per call; the same for bare node:http (\`${pb.command}\`): ${pb.totalMs.toFixed(0)} ms, ${
      ((pb.totalMs * 1000) / pb.totalCalls).toFixed(0)
    } µs per call. Self time by package, µs per call:`)
    P()
    P("| package / area | node layer µs/call | share | bare node:http µs/call |")
    P("|---|---:|---:|---:|")
    const bareBy = Object.fromEntries(pb.packages.map((x) => [x.name, x.ms]))
    for (const x of p.packages.slice(0, 10)) {
      P(`| ${x.name} | ${((x.ms * 1000) / p.totalCalls).toFixed(1)} | ${(x.share * 100).toFixed(1)} % | ${
        bareBy[x.name] !== undefined ? ((bareBy[x.name] * 1000) / pb.totalCalls).toFixed(1) : "—"
      } |`)
    }
    P()
    P("Top self-time functions (node layer):")
    P()
    P("| function — file:line | self ms | share |")
    P("|---|---:|---:|")
    for (const x of p.functions) {
      P(`| ${x.name.replace(/\|/g, "\\|")} | ${x.ms.toFixed(0)} | ${(x.share * 100).toFixed(1)} % |`)
    }
    P()
    P("Top files:")
    P()
    P("| file | self ms | share |")
    P("|---|---:|---:|")
    for (const x of p.files.slice(0, 10)) P(`| ${x.name} | ${x.ms.toFixed(0)} | ${(x.share * 100).toFixed(1)} % |`)
    P()
  }
}

if (results.events) {
  const e = results.events
  const eps = (id) => e.runs[id].map((x) => x.eventsPerSec)
  const labels = {
    "ours-node": "effect-particle `stream`, node layer",
    "ours-node-raw": "effect-particle `stream`, node layer, `raw: true`",
    "ours-node-chunk": "effect-particle `stream`, node layer, per-chunk consumer",
    "ours-node-raw-chunk": "effect-particle `stream`, node layer, `raw: true`, per-chunk consumer",
    "ours-fetch": "effect-particle `stream`, fetch layer",
    "ours-web": "effect-particle `stream`, `layerWeb`",
    "particle-api-js": "particle-api-js 12.0.3 `getEventStream`",
    fetch: "raw fetch + minimal parser (`bench/events-consumer.js`)"
  }
  P("## 2. Event throughput")
  P()
  const i = e.info[`bench-lf-${e.count}`]
  P(`Server: \`bench/servers/sse-server.js\` in a child process; ${
    e.count.toLocaleString("en-US")
  } Particle-format events (\`event:\` + \`data: {"data","ttl","published_at","coreid"}\`, ${i.payloadBytes}-byte UTF-8 payloads with multi-byte characters, a \`:keep-alive\` comment every 5,000 events), ${
    (i.bytes / 1e6).toFixed(1)
  } MB cut into ${
    i.chunks.toLocaleString("en-US")
  } random 1–16 KiB writes (same cuts for every client), headers + \`:ok\` + the first chunk of events in one socket write. Each client runs in a fresh process per round: a ${
    e.warm.toLocaleString("en-US")
  }-event warm-up stream, the measured ${e.count.toLocaleString("en-US")}-event stream, then a ${
    e.robust.toLocaleString("en-US")
  }-event stream with CRLF line ends (random cuts split CRLF pairs). ${e.rounds} rounds, client order alternated. Events/s = events received ÷ wall time from opening the stream to its end; CPU = the consumer process's \`process.cpuUsage()\`; RSS sampled every 10 ms.`)
  P()
  P(
    "| client | events/s | µs CPU / event | peak RSS MB (measured stream) | vs particle-api-js (events/s) | vs raw fetch (events/s) | lost of " +
      e.count.toLocaleString("en-US") + " (LF) | lost of " + e.robust.toLocaleString("en-US") + " (CRLF) |"
  )
  P("|---|---:|---:|---:|---:|---:|---:|---:|")
  for (const id of Object.keys(e.runs)) {
    const rs = e.runs[id]
    P(`| ${labels[id]} | ${fmt(summary(eps(id)))} | ${fmt(summary(rs.map((x) => x.cpuUsPerEvent)), 2)} | ${
      fmt(summary(rs.map((x) => x.measured.rssPeak / 1e6)))
    } | ${fmtRatio(ratioSummary(eps(id), eps("particle-api-js")))} | ${
      fmtRatio(ratioSummary(eps(id), eps("fetch")))
    } | ${fmt(summary(rs.map((x) => x.measured.lost)))} | ${fmt(summary(rs.map((x) => x.robust.lost)))} |`)
  }
  P()
  P(`Memory flatness: the same consumer with \`--max-old-space-size=48\` (V8 otherwise grows its heap lazily, so RSS under default flags also measures how late the GC runs), peak RSS during the ${
    e.warm.toLocaleString("en-US")
  }-event warm-up stream vs during the ${e.count.toLocaleString("en-US")}-event stream:`)
  P()
  P(
    "| client | peak RSS MB, " + e.warm.toLocaleString("en-US") + " events | peak RSS MB, " +
      e.count.toLocaleString("en-US") + " events | lost |"
  )
  P("|---|---:|---:|---:|")
  for (const [id, c] of Object.entries(e.capped)) {
    P(`| ${labels[id]} | ${(c.warm.rssPeak / 1e6).toFixed(0)} | ${
      (c.measured.rssPeak / 1e6).toFixed(0)
    } | ${c.measured.lost} |`)
  }
  P()
  P(
    "The effect-particle rows consume with `Stream.runForEach((e) => Effect.sync(...))`, an Effect per event; the *per-chunk consumer* rows with `Stream.runForEachChunk((chunk) => { for (const e of chunk) ...; return Effect.void })`, the same stream and the same work per event. The difference is not the Effect per event: any Effect per chunk that holds the chunk (`Effect.sync(() => ...chunk...)`, `Effect.succeed(chunk)`) makes V8 promote every event to the old generation, and that is what the default rows pay in GC time and RSS (`bench/upstream/README.md` §2)."
  )
  P()
  P("particle-api-js's losses are at stream open (it emits the events of the first chunk before `getEventStream` has resolved to the caller) and, with CRLF, where a chunk boundary splits a CRLF pair (it then drops the next event). The harness disables its reconnect after the server ends the stream (`abort()` alone does not cancel the 2 s reconnect).")
  P()
  chart("events", {
    title: "Event throughput (median over the rounds)",
    groups: [
      {
        title: "events/s (higher is better)",
        unit: "/s",
        rows: Object.keys(e.runs).map((id) => ({ label: id, value: median(eps(id)), kind: kindOf(id) }))
      },
      {
        title: "µs CPU / event (lower is better)",
        unit: "µs",
        rows: Object.keys(e.runs).map((id) => ({
          label: id,
          value: median(e.runs[id].map((x) => x.cpuUsPerEvent)),
          kind: kindOf(id)
        }))
      },
      {
        title: "peak RSS, measured stream (lower is better)",
        unit: "MB",
        rows: Object.keys(e.runs).map((id) => ({
          label: id,
          value: median(e.runs[id].map((x) => x.measured.rssPeak / 1e6)),
          kind: kindOf(id)
        }))
      }
    ]
  })
  const peerEps = eps("particle-api-js")
  const vsPeer = (id, t, goal) => {
    if (!e.runs[id]) return
    const r = ratioSummary(eps(id), peerEps)
    targets.push({
      t,
      met: r.median >= goal,
      fig: `${fmt(summary(eps(id)))} vs ${fmt(summary(peerEps))} events/s = ${fmtRatio(r)}`
    })
  }
  vsPeer("ours-node", "Goal 1: events/s, node layer (default) ≥ 1.0× particle-api-js", 1)
  vsPeer("ours-node", "Goal 1 (stretch): events/s, node layer ≥ 1.5× particle-api-js", 1.5)
  vsPeer("ours-node-raw", "Goal 1: events/s, node layer in raw mode ≥ 1.3× particle-api-js", 1.3)
  vsPeer("ours-fetch", "Goal 1: events/s, fetch layer ≥ 0.8× particle-api-js", 0.8)
  vsPeer("ours-web", "(layerWeb, for information) events/s ≥ 0.8× particle-api-js", 0.8)
  const rss = (id) => e.runs[id].map((x) => x.measured.rssPeak)
  const rssMB = (id) => fmt(summary(rss(id).map((x) => x / 1e6)))
  const rssVsPeer = (id, t, goal) => {
    if (!e.runs[id]) return
    const r = ratioSummary(rss(id), rss("particle-api-js"))
    targets.push({ t, met: r.median <= goal, fig: `${rssMB(id)} vs ${rssMB("particle-api-js")} MB = ${fmtRatio(r)}` })
  }
  rssVsPeer(
    "ours-node",
    "Goal 1: peak RSS of the measured stream, node layer ≤ 1.2× particle-api-js (default flags)",
    1.2
  )
  vsPeer("ours-node-chunk", "(per-chunk consumer, for information) events/s, node layer ≥ 1.0× particle-api-js", 1)
  vsPeer(
    "ours-node-raw-chunk",
    "(per-chunk consumer, for information) events/s, node layer in raw mode ≥ 1.3× particle-api-js",
    1.3
  )
  rssVsPeer("ours-node-chunk", "(per-chunk consumer, for information) peak RSS, node layer ≤ 1.2× particle-api-js", 1.2)
  const b = ratioSummary(eps("ours-node"), eps("fetch"))
  targets.push({
    t: "(the limit, for information) events/s, node layer ≥ 0.9× raw fetch + parser",
    met: b.median >= 0.9,
    fig: `${fmt(summary(eps("ours-node")))} vs ${fmt(summary(eps("fetch")))} events/s = ${fmtRatio(b)}`
  })
  const lost = Object.keys(e.runs).filter((id) => id.startsWith("ours")).flatMap((id) =>
    e.runs[id].map((x) => x.measured.lost + x.robust.lost + x.warm.lost + x.measured.outOfOrder)
  )
  targets.push({
    t: "Goal 1: zero events lost (our stream, every layer and mode, LF and CRLF, all rounds)",
    met: lost.every((x) => x === 0),
    fig: `${lost.reduce((s, x) => s + x, 0)} lost or out of order over ${lost.length} runs`
  })
  const c = e.capped["ours-node"]
  const grow = c.measured.rssPeak / c.warm.rssPeak
  targets.push({
    t: "Events: flat memory (capped heap, peak RSS at " + e.count.toLocaleString("en-US") + " events ≤ 1.10× at " +
      e.warm.toLocaleString("en-US") + ")",
    met: grow <= 1.1 && c.measured.lost === 0,
    fig: `${(c.warm.rssPeak / 1e6).toFixed(0)} → ${(c.measured.rssPeak / 1e6).toFixed(0)} MB (${
      grow.toFixed(2)
    }×); default flags: ${fmt(summary(e.runs["ours-node"].map((x) => x.warm.rssPeak / 1e6)))} → ${
      fmt(summary(e.runs["ours-node"].map((x) => x.measured.rssPeak / 1e6)))
    } MB`
  })
  if (e.profile?.areas) {
    const p = e.profile
    const n = e.warm + e.count + e.robust
    const per = (x) => (x * 1000) / n
    P("### Profile breakdown, before and after")
    P()
    P(`Main-thread CPU per event by area. *Before*: the profiling study quoted in issue 18 (a cold 100k-event worker, before the owned body reader, the edge-only decode, the copied names and the event constructor; not re-measured). *After*: this run, \`${p.command}\` (one cold process: module loading, the ${
      e.warm.toLocaleString("en-US")
    }-event warm-up, the ${e.count.toLocaleString("en-US")}-event stream and the ${
      e.robust.toLocaleString("en-US")
    }-event CRLF stream, ${
      n.toLocaleString("en-US")
    } events), self time of each sampled function assigned to an area by \`eventAreas\` in \`bench/lib/profile.js\`. A CPU profile is a sampling of one thread: GC work on V8's helper threads is not in it, and the totals are higher than the \`process.cpuUsage()\` figures above, which run warm.`)
    P()
    const before = {
      "Effect fibers/runtime": 2.4,
      GC: 1.5,
      "`JSON.parse`": 0.8,
      "consumer (the benchmark's handler)": 0.5,
      "Stream/Channel": 0.5,
      "UTF-8 decode": 0.5,
      "date parsing + `Date`": 0.4,
      "line scan (SSE parser)": 0.4,
      "socket read (core reader, Node streams)": 0.4
    }
    const after = Object.fromEntries(p.areas.map((x) => [x.name, per(x.ms)]))
    P("| area | before µs/event (issue) | after µs/event (this run) |")
    P("|---|---:|---:|")
    const names = [...new Set([...Object.keys(before), ...p.areas.map((x) => x.name)])]
    for (const k of names) {
      P(`| ${k} | ${before[k] !== undefined ? before[k].toFixed(1) : "—"} | ${
        after[k] !== undefined ? after[k].toFixed(2) : "—"
      } |`)
    }
    const startUp = (q) => q.areas.find((x) => x.name === "start-up (module loading)")?.ms ?? 0
    P(`| **total** | **7.9** | **${per(p.totalMs).toFixed(2)}** |`)
    P(`| **total without start-up** | — | **${per(p.totalMs - startUp(p)).toFixed(2)}** |`)
    if (e.profilePeer?.areas && e.profileBare?.areas) {
      for (
        const [q, name, was] of [[e.profilePeer, "particle-api-js", 2.8], [e.profileBare, "raw fetch + parser", 2.3]]
      ) {
        P(`| ${name}, total / without start-up (same method${
          name === "raw fetch + parser" ? "; the study's limit was bare node:http" : ""
        }) | ${was} | ${per(q.totalMs).toFixed(2)} / ${per(q.totalMs - startUp(q)).toFixed(2)} |`)
      }
    }
    P()
    P("The study's *event decode* cost is inside its `JSON.parse` and date rows; here `JSON.parse` inlined into `Event.decodeItem` is counted under *event decode*, and the start-up row (module loading) is in this cold-process profile only.")
    P()
  }
  if (e.profile) {
    const p = e.profile
    P(`### Where the time goes (${p.label})`)
    P()
    P(`\`${p.command}\`: ${p.totalMs.toFixed(0)} ms on CPU (warm-up, measured and CRLF streams). Self time by package:`)
    P()
    P("| package / area | self ms | share |")
    P("|---|---:|---:|")
    for (const x of p.packages.slice(0, 12)) P(`| ${x.name} | ${x.ms.toFixed(0)} | ${(x.share * 100).toFixed(1)} % |`)
    P()
    P("| function — file:line | self ms | share |")
    P("|---|---:|---:|")
    for (const x of p.functions) {
      P(`| ${x.name.replace(/\|/g, "\\|")} | ${x.ms.toFixed(0)} | ${(x.share * 100).toFixed(1)} % |`)
    }
    P()
  }
}

if (results.memory) {
  const mm = results.memory
  P("## 3. Memory at scale: `streamDevices` over a product fleet")
  P()
  P("The simulator (`@effect-particle/simulator`) runs in its own process with product 4242 holding N devices; the consumer (`bench/devices-consumer.js`) runs in a fresh process per size and round, streams every device with `streamDevices({ product: 4242 })` (100 per page) over the node layer and counts them. Peak RSS is the process's `maxRSS`; RSS before = after loading modules and building the client.")
  P()
  P("| devices | received | wall s | RSS before MB | peak RSS MB (default flags) | peak RSS MB (`--max-old-space-size=48`) | heap used at end MB |")
  P("|---:|---:|---:|---:|---:|---:|---:|")
  for (const s of mm.sizes) {
    P(`| ${s.devices.toLocaleString("en-US")} | ${fmt(summary(s.default.map((x) => x.count)))} | ${
      fmt(summary(s.default.map((x) => x.wallMs / 1000)), 2)
    } | ${fmt(summary(s.default.map((x) => x.rssBefore / 1e6)))} | ${
      fmt(summary(s.default.map((x) => x.maxRss / 1e6)))
    } | ${fmt(summary(s.capped.map((x) => x.maxRss / 1e6)))} | ${
      fmt(summary(s.default.map((x) => x.heapUsedEnd / 1e6)))
    } |`)
  }
  P()
  chart("memory", {
    title: "streamDevices over a product fleet: peak RSS (median; lower is better)",
    unit: "MB",
    groups: mm.sizes.map((x) => ({
      title: `${x.devices.toLocaleString("en-US")} devices`,
      rows: [
        { label: "ours-node, default flags", value: median(x.default.map((y) => y.maxRss / 1e6)), kind: "ours" },
        {
          label: "ours-node, --max-old-space-size=48",
          value: median(x.capped.map((y) => y.maxRss / 1e6)),
          kind: "ours"
        }
      ]
    }))
  })
  const [small, big] = [mm.sizes[0], mm.sizes[mm.sizes.length - 1]]
  const capRatio = median(big.capped.map((x) => x.maxRss)) / median(small.capped.map((x) => x.maxRss))
  const defRatio = median(big.default.map((x) => x.maxRss)) / median(small.default.map((x) => x.maxRss))
  const allCounted = mm.sizes.every((s) => [...s.default, ...s.capped].every((x) => x.count === s.devices))
  P(`Under default flags V8 lets the heap grow before it collects, so peak RSS rises with the run's length (×${
    defRatio.toFixed(2)
  } from ${small.devices.toLocaleString("en-US")} to ${
    big.devices.toLocaleString("en-US")
  } devices) although nothing is retained; with the old space capped at 48 MB the ${
    big.devices.toLocaleString("en-US")
  }-device run completes at ×${capRatio.toFixed(2)} the ${
    small.devices.toLocaleString("en-US")
  }-device peak — the live memory does not depend on the fleet size.`)
  P()
  targets.push({
    t: `Memory at scale: peak RSS flat from ${small.devices.toLocaleString("en-US")} to ${
      big.devices.toLocaleString("en-US")
    } devices (≤ 1.10×, capped heap)`,
    met: capRatio <= 1.1 && allCounted,
    fig: `capped heap ${fmt(summary(small.capped.map((x) => x.maxRss / 1e6)))} → ${
      fmt(summary(big.capped.map((x) => x.maxRss / 1e6)))
    } MB (×${capRatio.toFixed(2)}); default flags ${fmt(summary(small.default.map((x) => x.maxRss / 1e6)))} → ${
      fmt(summary(big.default.map((x) => x.maxRss / 1e6)))
    } MB (×${defRatio.toFixed(2)})`
  })
}

if (results.bundle) {
  const b = results.bundle
  const p = b.programs
  P("## 4. Bundle size (browser)")
  P()
  P("Programs bundled from the packages' `dist/` ESM: esbuild `--bundle --minify --platform=browser --format=esm`; rollup + `@rollup/plugin-node-resolve` (`browser: true`) + `@rollup/plugin-terser` (defaults), ESM output. Sizes in bytes (KB = 1,000 B); gzip is `node:zlib` level 9. Reference: particle-api-js 12.0.3's one-call program is **58,531 B gzip -9** with the `buffer`/`events`/`url`/`process` polyfills it needs (esbuild 0.28.2, `reference/particle-api-js.md` §8). Those polyfill packages are not installed in this workspace, so that figure is cited, not re-measured; the row *particle-api-js … left out* below is re-measured here without them (a lower bound).")
  P()
  P("| program | esbuild min | esbuild gz | rollup min | rollup gz | best gz vs 58.5 KB |")
  P("|---|---:|---:|---:|---:|---:|")
  for (const x of Object.values(p)) {
    const best = Math.min(x.esbuild.gz, x.rollup?.gz ?? Infinity)
    P(`| ${x.title} | ${x.esbuild.min.toLocaleString("en-US")} | ${x.esbuild.gz.toLocaleString("en-US")} | ${
      x.rollup ? x.rollup.min.toLocaleString("en-US") : "n/a (CommonJS)"
    } | ${x.rollup ? x.rollup.gz.toLocaleString("en-US") : "—"} | ${(best / API_JS_GZ).toFixed(2)}× |`)
  }
  P(`| particle-api-js 12.0.3 one call with its polyfills (reference figure, not re-measured) | 194,838 | 58,531 | — | — | 1.00× |`)
  P()
  chart("bundle", {
    title: "Browser bundles, gzip -9 bytes (lower is better)",
    unit: "B",
    groups: [
      {
        title: "one getVariable call",
        rows: [
          { label: "layerWeb, esbuild", value: p["one-call"].esbuild.gz, kind: "ours" },
          { label: "layerWeb, rollup", value: p["one-call"].rollup?.gz, kind: "ours" },
          { label: "layerFetch, esbuild", value: p["one-call-platform"]?.esbuild.gz, kind: "ours" },
          { label: "particle-api-js + polyfills (cited)", value: API_JS_GZ, kind: "peer" },
          { label: "Effect.succeed floor, esbuild", value: p["floor-effect"].esbuild.gz, kind: "limit" }
        ]
      }
    ]
  })
  const d = (a, c, k) => p[a][k] && p[c][k] ? p[a][k].gz - p[c][k].gz : NaN
  P("Marginal cost of operations (gzip bytes):")
  P()
  P("| | esbuild | rollup |")
  P("|---|---:|---:|")
  P(`| 2nd operation (\`callFunction\` after \`getVariable\`) | ${d("two-ops", "one-call", "esbuild")} | ${
    d("two-ops", "one-call", "rollup")
  } |`)
  P(`| 10 operations vs 1 (9 more) | ${d("ten-ops", "one-call", "esbuild")} | ${d("ten-ops", "one-call", "rollup")} |`)
  P(`| per operation, averaged over the 9 | ${(d("ten-ops", "one-call", "esbuild") / 9).toFixed(0)} | ${
    (d("ten-ops", "one-call", "rollup") / 9).toFixed(0)
  } |`)
  P()
  P("What the one-call program is made of (esbuild metafile, minified bytes per package before gzip):")
  P()
  P("| package | bytes | share |")
  P("|---|---:|---:|")
  const bp = Object.entries(p["one-call"].esbuild.byPackage).sort((x, y) => y[1] - x[1])
  const tot = bp.reduce((s, [, v]) => s + v, 0)
  for (const [k, v] of bp) P(`| ${k} | ${v.toLocaleString("en-US")} | ${((v / tot) * 100).toFixed(1)} % |`)
  P()
  const floorE = p["floor-http"].esbuild.gz
  const floorR = p["floor-http"].rollup.gz
  P(`Effect's runtime floor for this kind of program (Effect + Schema + HttpClient over fetch, one decoded GET, no SDK): ${
    floorE.toLocaleString("en-US")
  } B gz (esbuild), ${
    floorR.toLocaleString("en-US")
  } B gz (rollup); the bare \`Effect.runPromise(Effect.succeed(1))\` floor is ${
    p["floor-effect"].esbuild.gz.toLocaleString("en-US")
  } B (esbuild) / ${
    p["floor-effect"].rollup.gz.toLocaleString("en-US")
  } B (rollup). The one-call SDK program minus that floor: ${
    (p["one-call"].esbuild.gz - floorE).toLocaleString("en-US")
  } B (esbuild), ${
    (p["one-call"].rollup.gz - floorR).toLocaleString("en-US")
  } B (rollup) (a negative figure: the SDK program is smaller than the hand-written one, which also pulls in \`HttpClientResponse.schemaBodyJson\` and more of \`Schema\`); over the bare \`Effect.succeed\` floor it is +${
    (p["one-call"].esbuild.gz - p["floor-effect"].esbuild.gz).toLocaleString("en-US")
  } B (esbuild) / +${
    (p["one-call"].rollup.gz - p["floor-effect"].rollup.gz).toLocaleString("en-US")
  } B (rollup) for Schema, HttpClient and the SDK together. Our own packages are ${
    ((p["one-call"].esbuild.byPackage["@effect-particle/core"] ?? 0) +
      (p["one-call"].esbuild.byPackage["@effect-particle/devices"] ?? 0)).toLocaleString("en-US")
  } B minified of the esbuild output.`)
  P()
  P("Tried to cut the one-call bundle:")
  P()
  P("| variant | min | gz |")
  P("|---|---:|---:|")
  P(`| baseline esbuild | ${p["one-call"].esbuild.min.toLocaleString("en-US")} | ${
    p["one-call"].esbuild.gz.toLocaleString("en-US")
  } |`)
  P(`| baseline rollup + terser | ${p["one-call"].rollup.min.toLocaleString("en-US")} | ${
    p["one-call"].rollup.gz.toLocaleString("en-US")
  } |`)
  for (const t of b.tried) P(`| ${t.what} | ${t.min.toLocaleString("en-US")} | ${t.gz.toLocaleString("en-US")} |`)
  P()
  P(`Bundle check (\`node bench/check-bundle.js\`, budget in \`bench/bundle-budget.json\`): ${
    b.check.ok ? "passes" : "FAILS: " + b.check.problems.join("; ")
  } — one-call ${b.check.gz?.toLocaleString("en-US")} B gz, budget ${
    b.check.budget.toLocaleString("en-US")
  } B, Node built-ins in the browser bundle: ${
    p["one-call"].esbuild.nodeBuiltins.length ? p["one-call"].esbuild.nodeBuiltins.join(", ") : "none"
  }.`)
  P()
  const best = Math.min(p["one-call"].esbuild.gz, p["one-call"].rollup.gz)
  targets.push({
    t: "Bundle: one-call program under particle-api-js's 58.5 KB gz",
    met: best < API_JS_GZ,
    fig: `${kb(p["one-call"].esbuild.gz)} KB (esbuild) / ${
      kb(p["one-call"].rollup.gz)
    } KB (rollup) gz vs 58.5 KB; Effect + Schema + HttpClient floor ${kb(floorE)} / ${kb(floorR)} KB`
  })
  targets.push({
    t: "Bundle: no Node built-in in the browser one-call bundle, within the recorded budget",
    met: b.check.ok,
    fig: `${b.check.gz?.toLocaleString("en-US")} B ≤ ${b.check.budget.toLocaleString("en-US")} B`
  })
}

if (results.coldstart) {
  const c = results.coldstart
  const ids = Object.keys(c.programs)
  const key = (id, bundled) => `${id}${bundled ? "-bundled" : ""}`
  const ifc = (k) => c.runs[k].map((x) => x.importMs + x.firstCallMs)
  const total = (k) => c.runs[k].map((x) => x.totalMs)
  P("## 5. Cold start: import + first call")
  P()
  P(`Each program (\`bench/coldstart/*.js\`) makes one \`getVariable\` call against \`bench/servers/variable-server.js\`, in a fresh \`node\` process started by \`bench/coldstart/entry.js\`, which times the program's \`import()\` and its first call (\`performance.now()\`); *process start → answer* adds Node's own start-up. Unbundled: \`node_modules\` as installed. Bundled: \`esbuild --bundle --minify --platform=node --format=esm\` into one file (with a \`createRequire\` banner for CommonJS dependencies), as a CLI or a serverless function ships. ${c.rounds} rounds, program order alternated; ratios computed per round. Modules: ES modules loaded (a \`module.register\` loader hook, \`bench/coldstart/count-hook.js\`) and CommonJS modules (\`require.cache\`) of one extra run.`)
  P()
  P("| program | bundled | bytes | ES modules | CJS modules | import ms | first call ms | import + first call ms | vs particle-api-js (same bundling) | vs bare node:http (same bundling) | process start → answer ms |")
  P("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
  for (const bundled of [false, true]) {
    for (const id of ids) {
      const k = key(id, bundled)
      const m = c.modules[k]
      P(`| ${c.programs[id]} | ${bundled ? "yes" : "no"} | ${
        bundled ? c.bundleBytes[id].toLocaleString("en-US") : "—"
      } | ${m.esm} | ${m.cjs} | ${fmt(summary(c.runs[k].map((x) => x.importMs)))} | ${
        fmt(summary(c.runs[k].map((x) => x.firstCallMs)))
      } | ${fmt(summary(ifc(k)))} | ${fmtRatio(ratioSummary(ifc(k), ifc(key("peer", bundled))))} | ${
        fmtRatio(ratioSummary(ifc(k), ifc(key("bare", bundled))))
      } | ${fmt(summary(total(k)))} |`)
    }
  }
  P()
  const pk = c.modules.ours.packages
  P(`ES modules the unbundled node-layer program loads, by package: ${
    Object.entries(pk).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")
  }. \`fast-check\` and \`pure-rand\` come from \`effect/Schema\` (through \`effect/Arbitrary\` and \`effect/FastCheck\`), loaded at import although decoding never uses them (\`bench/upstream/schema-import.js\`); bundling removes the module loading altogether, which is why bundling is the recommended way to ship a CLI or a serverless function (\`packages/core/README.md\`, "Bundling for CLIs and serverless").`)
  P()
  chart("coldstart", {
    title: "Cold start: import + first call, ms (median; lower is better)",
    unit: "ms",
    groups: [false, true].map((bundled) => ({
      title: bundled ? "bundled (esbuild, one file)" : "unbundled (node_modules)",
      rows: ids.map((id) => ({ label: id, value: median(ifc(key(id, bundled))), kind: kindOf(id) }))
    }))
  })
  const g = ratioSummary(ifc("ours-bundled"), ifc("peer-bundled"))
  targets.push({
    t: "Goal 3: cold start bundled (node layer, import + first call) ≤ 1.2× particle-api-js bundled",
    met: g.median <= 1.2,
    fig: `${fmt(summary(ifc("ours-bundled")))} vs ${fmt(summary(ifc("peer-bundled")))} ms = ${
      fmtRatio(g)
    }; process start → answer ${fmtRatio(ratioSummary(total("ours-bundled"), total("peer-bundled")))}; unbundled ${
      fmtRatio(ratioSummary(ifc("ours"), ifc("peer")))
    } (${c.modules.ours.esm} ES modules vs ${c.modules.peer.esm + c.modules.peer.cjs})`
  })
  const gd = ratioSummary(ifc("ours-deep-bundled"), ifc("peer-bundled"))
  targets.push({
    t: "Goal 3 (the README's recommendation): cold start bundled, subpath imports of `effect` ≤ 1.2× particle-api-js bundled",
    met: gd.median <= 1.2,
    fig: `${fmt(summary(ifc("ours-deep-bundled")))} vs ${fmt(summary(ifc("peer-bundled")))} ms = ${fmtRatio(gd)}`
  })
}

if (results.icount) {
  const ic = results.icount
  P("## 6. Instructions per call (valgrind)")
  P()
  if (ic.skipped) {
    P(`Skipped: ${ic.skipped}. Install valgrind (Debian: \`apt-get install valgrind\`) and run \`node bench/run.js --only icount\`.`)
    P()
  } else {
    const c = ic.clients
    P(`\`node bench/icount.js --calls ${ic.calls} --warmup ${ic.warmup}\`: each client in its own \`valgrind --tool=callgrind node bench/request.js --icount <client>\`, the same \`getVariable\` calls as section 1 against the same fixture server (a child process valgrind does not instrument); after ${
      ic.warmup.toLocaleString("en-US")
    } warm-up calls (half sequential, half at concurrency 16), callgrind's counters are zeroed (\`callgrind_control -z\`) where the ${
      ic.calls.toLocaleString("en-US")
    } measured calls of a mode start and dumped where they end, so start-up, warm-up and what the JIT compiled before are not counted. Instructions of every thread of the process (V8's compiler and GC helpers included) ÷ calls. One run: instruction counts do not move with the machine's load the way CPU time does.`)
    P()
    P("| client | instructions / call, sequential | vs particle-api-js | vs bare node:http | instructions / call, concurrency 16 | vs particle-api-js | vs bare node:http |")
    P("|---|---:|---:|---:|---:|---:|---:|")
    const peer = c["particle-api-js"]
    const bare = c["node-http"]
    const r2 = (a, b) => (a && b ? (a / b).toFixed(2) + "×" : "—")
    for (const [id, x] of Object.entries(c)) {
      P(`| ${id} | ${Math.round(x.seq).toLocaleString("en-US")} | ${r2(x.seq, peer?.seq)} | ${r2(x.seq, bare?.seq)} | ${
        Math.round(x.c16).toLocaleString("en-US")
      } | ${r2(x.c16, peer?.c16)} | ${r2(x.c16, bare?.c16)} |`)
    }
    P()
    P("The study quoted in issue 18 counted (sequential / concurrency 16): bare 272k / 281k, particle-api-js 550k / 574k, this SDK before the change 542k / 697k — another counting setup (not re-measured), so compare the ratios, not the absolute figures.")
    P()
    chart("icount", {
      title: "Instructions per getVariable call (callgrind; lower is better)",
      unit: "",
      groups: [["seq", "sequential"], ["c16", "concurrency 16"]].map(([mode, title]) => ({
        title,
        rows: Object.entries(c).map(([id, x]) => ({ label: id, value: x[mode], kind: kindOf(id) }))
      }))
    })
    if (c["ours-node"] && peer) {
      for (const [mode, name] of [["seq", "sequential"], ["c16", "concurrency 16"]]) {
        targets.push({
          t: `Goal 2: instructions per call, node layer ≤ particle-api-js (${name})`,
          met: c["ours-node"][mode] <= peer[mode],
          fig: `${Math.round(c["ours-node"][mode]).toLocaleString("en-US")} vs ${
            Math.round(peer[mode]).toLocaleString("en-US")
          } = ${r2(c["ours-node"][mode], peer[mode])}`
        })
        if (bare) {
          targets.push({
            t: `Goal 2 (stretch): instructions per call, node layer ≤ 1.3× bare node:http (${name})`,
            met: c["ours-node"][mode] <= 1.3 * bare[mode],
            fig: `${Math.round(c["ours-node"][mode]).toLocaleString("en-US")} vs ${
              Math.round(bare[mode]).toLocaleString("en-US")
            } = ${r2(c["ours-node"][mode], bare[mode])}`
          })
        }
      }
    }
  }
}

if (results.scale) {
  const sc = results.scale
  const MB = (x) => (x / 1e6).toFixed(1)
  const heapCells = (x, peer) =>
    `${MB(x.heapAt10.used)} / ${MB(x.heapAt100.used)} | ${MB(x.heapAt10.retained)} / ${MB(x.heapAt100.retained)} | ${
      (x.heapAt100.retained / x.heapAt10.retained).toFixed(2)
    }× | ${(x.heapAt100.retained / peer.heapAt100.retained).toFixed(2)}×`
  P("## 7. Memory at scale: heap at 10 % and 100 %")
  P()
  P(`Default flags: \`process.memoryUsage().heapUsed\` when 10 % and when 100 % of the items have arrived (for a client that lost events, when its stream ended), one fresh process per client, one round; read as it is (*heap used*: it includes garbage the GC has not collected yet, so it moves with where the GC happens to be), then again after a full GC at that point (*retained*; the only two GCs forced in the run). Flat means the retained heap does not grow with the number of items.`)
  P()
  P(`### ${
    sc.devices.toLocaleString("en-US")
  } product devices (\`bench/devices-consumer.js\`, the simulator in its own process, 100 per page, none kept)`)
  P()
  P("| client | received | wall s | heap used at 10 % / 100 % MB | retained at 10 % / 100 % MB | retained 100 % ÷ 10 % | retained vs particle-api-js (100 %) | peak RSS MB | peak RSS vs particle-api-js | peak RSS vs bare node:http |")
  P("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
  const dv = sc.devicesRuns
  for (const [id, x] of Object.entries(dv)) {
    P(`| ${id} | ${x.count.toLocaleString("en-US")} | ${(x.wallMs / 1000).toFixed(2)} | ${
      heapCells(x, dv["particle-api-js"])
    } | ${MB(x.maxRss)} | ${(x.maxRss / dv["particle-api-js"].maxRss).toFixed(2)}× | ${
      (x.maxRss / dv["node-http"].maxRss).toFixed(2)
    }× |`)
  }
  P()
  P("Clients: *ours-node* `streamDevices({ product: 4242 })` over the node layer; *particle-api-js* `listDevices({ product, page, perPage: 100 })` page after page; *node-http* bare `http.get` + `JSON.parse` page after page (the limit).")
  P()
  P(`### ${sc.events.toLocaleString("en-US")} events through a slow consumer (\`bench/slow-consumer.js\`)`)
  P()
  P("The consumer pauses 1 ms every 1,000 events (`Effect.sleep` in the stream; raw fetch awaits a 1 ms timer between reads; particle-api-js's EventEmitter cannot be paused, so its handler blocks for 1 ms instead). Server: `bench/servers/sse-server.js` (as section 2).")
  P()
  P("| client | received | wall s | heap used at 10 % / 100 % MB | retained at 10 % / 100 % MB | retained 100 % ÷ 10 % | retained vs particle-api-js (100 %) | peak RSS MB | peak RSS vs particle-api-js | peak RSS vs raw fetch |")
  P("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
  const sl = sc.slow
  for (const [id, x] of Object.entries(sl)) {
    P(`| ${id} | ${x.received.toLocaleString("en-US")} | ${(x.wallMs / 1000).toFixed(1)} | ${
      heapCells(x, sl["particle-api-js"])
    } | ${MB(x.rssPeak)} | ${(x.rssPeak / sl["particle-api-js"].rssPeak).toFixed(2)}× | ${
      (x.rssPeak / sl.fetch.rssPeak).toFixed(2)
    }× |`)
  }
  P()
  chart("scale", {
    title: "Retained heap at 10 % and 100 % (MB, after a full GC there; flat is the goal)",
    unit: "MB",
    groups: [
      {
        title: `${sc.devices.toLocaleString("en-US")} product devices`,
        rows: Object.entries(dv).flatMap(([id, x]) => [
          { label: `${id} at 10 %`, value: x.heapAt10.retained / 1e6, kind: kindOf(id) },
          { label: `${id} at 100 %`, value: x.heapAt100.retained / 1e6, kind: kindOf(id) }
        ])
      },
      {
        title: `${sc.events.toLocaleString("en-US")} events, slow consumer`,
        rows: Object.entries(sl).flatMap(([id, x]) => [
          { label: `${id} at 10 %`, value: x.heapAt10.retained / 1e6, kind: kindOf(id) },
          { label: `${id} at 100 %`, value: x.heapAt100.retained / 1e6, kind: kindOf(id) }
        ])
      }
    ]
  })
  const flat = (x) => x.heapAt100.retained <= 1.2 * x.heapAt10.retained
  const heapFig = (x) =>
    `retained ${MB(x.heapAt10.retained)} → ${MB(x.heapAt100.retained)} MB (${
      (x.heapAt100.retained / x.heapAt10.retained).toFixed(2)
    }×); heap used as it was ${MB(x.heapAt10.used)} → ${MB(x.heapAt100.used)} MB (${
      (x.heapAt100.used / x.heapAt10.used).toFixed(2)
    }×)`
  const d = dv["ours-node"]
  targets.push({
    t: `Goal 5: heap flat over ${
      sc.devices.toLocaleString("en-US")
    } product devices (streamDevices; retained at 100 % ≤ 1.2× at 10 %, all received)`,
    met: flat(d) && d.count === sc.devices,
    fig: `${heapFig(d)}, ${d.count.toLocaleString("en-US")} received`
  })
  for (const id of ["ours-node", "ours-node-raw", "ours-web"]) {
    const x = sl[id]
    if (!x) continue
    targets.push({
      t: `Goal 5: heap flat over ${
        sc.events.toLocaleString("en-US")
      } events, slow consumer, ${id} (retained at 100 % ≤ 1.2× at 10 %, none lost)`,
      met: flat(x) && x.received === sc.events,
      fig: `${heapFig(x)}, ${x.received.toLocaleString("en-US")} received`
    })
  }
}

P("## Targets")
P()
P("| target | result | figure |")
P("|---|---|---|")
for (const t of targets) P(`| ${t.t} | ${mark(t.met)} | ${t.fig} |`)
P()
P(
  ONLY.size === 0
    ? "_BENCHMARKS.md rewritten from bench/results.json; no section was run by this invocation._"
    : `_Run time of this invocation of bench/run.js: ${((Date.now() - started) / 1000).toFixed(0)} s (${
      [...ONLY].join(", ")
    }${QUICK ? ", --quick" : ""})._`
)
writeFileSync(join(repo, "BENCHMARKS.md"), L.join("\n") + "\n")
log(`wrote BENCHMARKS.md in ${((Date.now() - started) / 1000).toFixed(0)} s`)
