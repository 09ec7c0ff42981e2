// Self-time summary of a V8 .cpuprofile (node --cpu-prof): by function and by file/package.
import { readFileSync } from "node:fs"

const where = (url) => {
  if (!url) return "(native / V8)"
  if (url.startsWith("node:")) {
    return "Node internals (" + url.replace(/^node:(internal\/)?/, "").split("/").slice(0, 2).join("/") + ")"
  }
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)(.*)$/.exec(url)
  if (m) return `${m[1]}/${m[2]}`
  const w = /\/packages\/([^/]+)\/(.*)$/.exec(url)
  if (w) return `@effect-particle/${w[1]}/${w[2]}`
  const b = /\/bench\/(.*)$/.exec(url)
  if (b) return `bench/${b[1]}`
  return url.replace(/^file:\/\//, "")
}
const pkg = (file) => {
  if (file.startsWith("Node internals")) return "Node internals"
  if (file.startsWith("(")) return file
  const m = /^((?:@[^/]+\/)?[^/]+)\//.exec(file)
  return m ? m[1] : file
}

export const analyze = (path, top = 15) => {
  const prof = JSON.parse(readFileSync(path, "utf8"))
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const self = new Map()
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt)
  }
  const fns = new Map()
  const files = new Map()
  const pkgs = new Map()
  let total = 0
  let idle = 0
  for (const [id, us] of self) {
    const n = byId.get(id)
    const cf = n.callFrame
    if (cf.functionName === "(idle)") {
      idle += us
      continue
    }
    total += us
    const file = cf.functionName.startsWith("(") ? cf.functionName : where(cf.url)
    const key = `${cf.functionName || "(anonymous)"} — ${file}${cf.url ? ":" + (cf.lineNumber + 1) : ""}`
    fns.set(key, (fns.get(key) ?? 0) + us)
    const f = file.replace(/:\d+$/, "")
    files.set(f, (files.get(f) ?? 0) + us)
    const p = pkg(f)
    pkgs.set(p, (pkgs.get(p) ?? 0) + us)
  }
  const sorted = (m) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([k, us]) => ({ name: k, ms: us / 1000, share: us / total }))
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    functions: sorted(fns).slice(0, top),
    files: sorted(files).slice(0, top),
    packages: sorted(pkgs)
  }
}
