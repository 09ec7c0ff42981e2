// Development helper: node bench/quick-events.js [rounds] [ids…] — events/s and peak RSS of some clients, side by side
import { join } from "node:path"
import { benchDir, forkServer, median, runChild, stopChild } from "./lib/common.js"

const [roundsArg = "3", ...rest] = process.argv.slice(2)
const ids = rest.length ? rest : ["ours-node", "particle-api-js"]
const server = await forkServer(join(benchDir, "servers/sse-server.js"))
const keys = ["bench-lf-20000", "bench-lf-200000", "bench-crlf-20000"]
server.child.send({ type: "prepare", keys })
await new Promise((res) => server.child.once("message", res))
const runs = Object.fromEntries(ids.map((id) => [id, []]))
for (let r = 0; r < Number(roundsArg); r++) {
  for (const id of r % 2 ? [...ids].reverse() : ids) {
    runs[id].push(
      await runChild(join(benchDir, "events-consumer.js"), [id, String(server.port), "200000", "20000", "20000"])
    )
  }
}
await stopChild(server.child)
const ref = median(runs[ids[ids.length - 1]].map((x) => x.eventsPerSec))
for (const id of ids) {
  const eps = median(runs[id].map((x) => x.eventsPerSec))
  console.log(
    id.padEnd(20),
    Math.round(eps).toString().padStart(8),
    "eps",
    (eps / ref).toFixed(2) + "×",
    "cpu/ev",
    median(runs[id].map((x) => x.cpuUsPerEvent)).toFixed(2),
    "rss",
    (median(runs[id].map((x) => x.measured.rssPeak)) / 1e6).toFixed(0),
    "lost",
    runs[id].map((x) => x.measured.lost + x.robust.lost + x.warm.lost).join(",")
  )
}
