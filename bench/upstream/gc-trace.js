// What the reproductions share: one way in a child process under `--trace-gc-nvp`, and what its GC did
// between the `--- measured ---` and `--- end ---` lines it prints (scavenges, full GCs, and the bytes the
// scavenger promoted to the old generation: the sum of V8's `promoted=` figures).
import { fork } from "node:child_process"

/** Runs `file` with `args` (and `flags` for node) and resolves with the message it sent and its GC figures. */
export const runTraced = (file, args, flags = []) =>
  new Promise((resolve, reject) => {
    const child = fork(file, args, {
      execArgv: ["--trace-gc-nvp", ...flags],
      stdio: ["ignore", "pipe", "inherit", "ipc"]
    })
    let out = ""
    let result
    child.stdout.on("data", (d) => (out += d))
    child.on("message", (m) => (result = m))
    child.on("exit", (code) => {
      if (code !== 0 || result === undefined) return reject(new Error(`${args.join(" ")}: exit ${code}`))
      const measured = out.slice(out.indexOf("--- measured ---"), out.indexOf("--- end ---"))
      let promoted = 0
      let scavenges = 0
      let fullGCs = 0
      for (const line of measured.split("\n")) {
        const kind = /gc=(\w+)/.exec(line)?.[1]
        if (kind === "s") scavenges++
        else if (kind === "ms" || kind === "mc") fullGCs++
        promoted += Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0)
      }
      resolve({ result, promoted, scavenges, fullGCs })
    })
  })
