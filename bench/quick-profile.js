// Development helper: node bench/quick-profile.js <client> [top] — CPU profile of one events consumer run
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync } from "node:fs"
import os from "node:os"
import { join } from "node:path"
import { benchDir, forkServer, stopChild } from "./lib/common.js"
import { analyze } from "./lib/profile.js"

const [id = "ours-node", top = "25"] = process.argv.slice(2)
const server = await forkServer(join(benchDir, "servers/sse-server.js"))
server.child.send({ type: "prepare", keys: ["bench-lf-20000", "bench-lf-200000", "bench-crlf-20000"] })
await new Promise((res) => server.child.once("message", res))
const dir = mkdtempSync(join(os.tmpdir(), "qp-"))
execFileSync(process.execPath, [
  "--cpu-prof",
  "--cpu-prof-dir",
  dir,
  join(benchDir, "events-consumer.js"),
  id,
  String(server.port),
  "200000",
  "20000",
  "20000"
], { stdio: "inherit" })
await stopChild(server.child)
const p = analyze(join(dir, readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))), Number(top))
console.log("total ms", p.totalMs.toFixed(0))
for (const x of p.packages.slice(0, 10)) console.log("PKG", x.name.padEnd(30), x.ms.toFixed(0))
for (const x of p.files.slice(0, 15)) console.log("FILE", x.name.padEnd(60), x.ms.toFixed(0))
for (const x of p.functions) console.log("FN", x.name.padEnd(90), x.ms.toFixed(0))
