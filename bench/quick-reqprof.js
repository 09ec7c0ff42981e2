// Development helper: node bench/quick-reqprof.js <client> [calls] — CPU profile summary of sequential calls
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync } from "node:fs"
import os from "node:os"
import { join } from "node:path"
import { benchDir } from "./lib/common.js"
import { analyze } from "./lib/profile.js"

const [id = "ours-node", calls = "20000", top = "40"] = process.argv.slice(2)
const dir = mkdtempSync(join(os.tmpdir(), "qr-"))
execFileSync(process.execPath, [
  "--cpu-prof",
  "--cpu-prof-dir",
  dir,
  join(benchDir, "request.js"),
  "--profile",
  id,
  "--calls",
  calls
], { stdio: "inherit" })
const p = analyze(join(dir, readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))), Number(top))
console.log("total ms", p.totalMs.toFixed(0))
for (const x of p.packages.slice(0, 10)) console.log("PKG", x.name.padEnd(30), x.ms.toFixed(0))
for (const x of p.files.slice(0, 20)) console.log("FILE", x.name.padEnd(60), x.ms.toFixed(0))
for (const x of p.functions) console.log("FN", x.name.padEnd(90), x.ms.toFixed(0))
