// Upstream reproduction: what importing `effect/Schema` loads (unbundled, as Node runs node_modules).
//   node bench/upstream/schema-import.js
// Each import runs in a fresh process: the ES modules loaded (counted by a loader hook), how many of them are
// fast-check's and pure-rand's (which `effect/Schema` imports eagerly through `effect/FastCheck`, for
// `Arbitrary`, although decoding never uses it), and the import time (median of 7).
import { fork } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { benchDir, median } from "../lib/common.js"

const imports = {
  "effect/Effect": "import * as Effect from \"effect/Effect\"; Effect.runSync(Effect.succeed(1))",
  "effect/Schema": "import * as Schema from \"effect/Schema\"; Schema.decodeUnknownSync(Schema.String)(\"x\")",
  "effect/ParseResult": "import * as ParseResult from \"effect/ParseResult\"; void ParseResult.succeed",
  "effect (the barrel)": "import { Effect } from \"effect\"; Effect.runSync(Effect.succeed(1))"
}
const tmp = mkdtempSync(join(benchDir, "upstream/.tmp-"))
const runOnce = (file, count) =>
  new Promise((resolve, reject) => {
    const countFile = join(tmp, `count-${Math.random()}`)
    const child = fork(file, [], {
      execArgv: count ? ["--import", join(benchDir, "coldstart/count-hook.js")] : [],
      env: { ...process.env, COLDSTART_COUNT_FILE: count ? countFile : "" },
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    let ms
    child.on("message", (m) => (ms = m.ms))
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${file}: exit ${code}`))
      if (!count) return resolve({ ms })
      const urls = readFileSync(countFile, "utf8").split("\n").filter((u) => u && !u.includes("/.tmp-"))
      resolve({
        modules: urls.length,
        fastCheck: urls.filter((u) =>
          /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(fast-check|pure-rand)\//.test(u)
        )
          .length
      })
    })
    child.once("error", reject)
  })
const results = []
try {
  for (const [label, code] of Object.entries(imports)) {
    const file = join(tmp, `${results.length}.mjs`)
    // the program, and a wrapper that times its import
    writeFileSync(join(tmp, `${results.length}-body.mjs`), code + "\n")
    writeFileSync(
      file,
      `const t0 = performance.now()\nawait import(${
        JSON.stringify(join(tmp, `${results.length}-body.mjs`))
      })\nprocess.send({ ms: performance.now() - t0 })\n`
    )
    const counted = await runOnce(file, true)
    const times = []
    for (let i = 0; i < 7; i++) times.push((await runOnce(file, false)).ms)
    results.push({
      import: label,
      modules: counted.modules,
      fastCheckModules: counted.fastCheck,
      importMs: median(times)
    })
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
if (process.send) process.send({ type: "result", result: { results } })
else console.table(results)
