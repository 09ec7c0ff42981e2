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

/**
 * The areas of an event stream's main-thread cost, as the profiling study named them (the
 * "before" figures of BENCHMARKS.md): each sample's function and script decide its area.
 */
export const eventAreas = (functionName, url) => {
  if (functionName === "(garbage collector)") return "GC"
  if (url === "" && functionName === "parse") return "`JSON.parse`"
  if (url === "" && (functionName === "Date" || functionName === "UTC")) return "date parsing + `Date`"
  if (/^node:internal\/(modules|vm|fs|process\/(pre_execution|esm_loader))|^node:(fs|path|url)$/.test(url)) {
    return "start-up (module loading)"
  }
  if (
    url === "" &&
    /^(openFileHandle|internalModuleStat|fstat|readFileUtf8|compileSourceTextModule|realpath|lstat|stat)$/.test(
      functionName
    )
  ) {
    return "start-up (module loading)"
  }
  if (/\/bench\//.test(url)) return "consumer (the benchmark's handler)"
  if (/node:internal\/encoding|^node:util/.test(url) || (url === "" && /decode/i.test(functionName))) {
    return "UTF-8 decode"
  }
  if (/\/events\/(dist|src)\/internal\/sse\./.test(url)) {
    return functionName === "decode" ? "UTF-8 decode" : "line scan (SSE parser)"
  }
  if (/\/events\/(dist|src)\/Event\./.test(url)) {
    return functionName === "isoMillis" || functionName === "digits"
      ? "date parsing + `Date`"
      : "event decode (Event.ts: `JSON.parse` inlined, fields, constructor)"
  }
  if (/\/events\/(dist|src)\//.test(url)) return "events connection / pull loop"
  if (/effect\/dist\/.*(internal\/(stream|channel|sink)|\/(Stream|Channel|Sink)\.js)/.test(url)) {
    return "Stream/Channel"
  }
  if (/effect\/dist\//.test(url)) return "Effect fibers/runtime"
  if (
    /\/core\/(dist|src)\//.test(url) ||
    /^node:(internal\/)?(net|stream|streams|http|_http|dgram|buffer|events|timers)/.test(url)
  ) {
    return "socket read (core reader, Node streams)"
  }
  if (/particle-api-js|node-fetch|eventsource/.test(url)) return "the client's own code"
  if (url.startsWith("node:")) return "other Node internals"
  if (functionName === "(program)") return "V8 (program)"
  return "other"
}

export const analyze = (path, top = 15, areas = undefined) => {
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
  const byArea = new Map()
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
    if (areas) {
      const a = areas(cf.functionName, cf.url)
      byArea.set(a, (byArea.get(a) ?? 0) + us)
    }
  }
  const sorted = (m) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([k, us]) => ({ name: k, ms: us / 1000, share: us / total }))
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    functions: sorted(fns).slice(0, top),
    files: sorted(files).slice(0, top),
    packages: sorted(pkgs),
    areas: areas ? sorted(byArea) : undefined
  }
}
