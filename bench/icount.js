// Instructions per call, counted by valgrind's callgrind (stable where CPU time on a loaded 2-core machine
// is not): node bench/icount.js [--calls 600] [--warmup 3000] [--clients ours-node,ours-web,particle-api-js,node-http]
// Each client runs in its own `valgrind --tool=callgrind node bench/request.js --icount <client>`; the
// counters are zeroed where the measured calls start and dumped where they end (callgrind_control), so
// start-up, warm-up and JIT compilation before the mark are not counted. The fixture server runs in a
// child process that valgrind does not instrument. Clients run side by side, one per core.
import { execFileSync, fork } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import os from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { benchDir } from "./lib/common.js"

// run.js imports `available` from here: the command line is read only when this file is the program
const isMain = import.meta.url === `file://${process.argv[1]}`
const { values: opts } = isMain
  ? parseArgs({
    options: {
      calls: { type: "string", default: "600" },
      warmup: { type: "string", default: "3000" },
      clients: { type: "string", default: "ours-node,ours-web,particle-api-js,node-http" }
    }
  })
  : { values: {} }

export const available = () => {
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
}

const countOne = (id) =>
  new Promise((resolve, reject) => {
    const dir = mkdtempSync(join(os.tmpdir(), "bench-icount-"))
    const child = fork(
      join(benchDir, "request.js"),
      ["--icount", id, "--calls", opts.calls, "--warmup", opts.warmup],
      {
        execPath: "valgrind",
        execArgv: ["--tool=callgrind", `--callgrind-out-file=${dir}/cg.%p`, process.execPath],
        stdio: ["ignore", "ignore", "pipe", "ipc"]
      }
    )
    let stderr = ""
    child.stderr.on("data", (d) => (stderr += d))
    const dumps = []
    child.on("message", (m) => {
      if (m?.type !== "mark") return
      if (m.name.endsWith("-start")) execFileSync("callgrind_control", ["-z", String(child.pid)], { stdio: "ignore" })
      else {
        execFileSync("callgrind_control", ["-d", m.name, String(child.pid)], { stdio: "ignore" })
        dumps.push(m.name.replace(/-end$/, ""))
      }
      child.send("go")
    })
    child.on("exit", (code) => {
      try {
        const files = readdirSync(dir).filter((f) => /\.\d+$/.test(f)).sort((a, b) =>
          Number(a.split(".").pop()) - Number(b.split(".").pop())
        )
        if (code !== 0 || files.length < dumps.length) throw new Error(`${id}: exit ${code}\n${stderr.slice(-2000)}`)
        const out = {}
        dumps.forEach((mode, i) => {
          const text = readFileSync(join(dir, files[i]), "utf8")
          const total = Number((/^(?:summary|totals): (\d+)/m.exec(text) ?? [])[1])
          out[mode] = total / Number(opts.calls)
        })
        resolve(out)
      } catch (e) {
        reject(e)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })

if (isMain) {
  const result = { calls: Number(opts.calls), warmup: Number(opts.warmup), clients: {} }
  // instruction counts do not depend on what else runs, so the clients run side by side, one per core
  const ids = opts.clients.split(",")
  const counted = {}
  let next = 0
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]
      console.error(`[icount] ${id}…`)
      counted[id] = await countOne(id)
      console.error(`[icount] ${id}: ${JSON.stringify(counted[id])}`)
    }
  }
  await Promise.all(Array.from({ length: Math.min(ids.length, Math.max(1, os.cpus().length)) }, worker))
  for (const id of ids) result.clients[id] = counted[id]
  if (process.send) process.send({ type: "result", result })
  else console.log(JSON.stringify(result, null, 1))
}
