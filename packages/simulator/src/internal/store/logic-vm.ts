/**
 * Running a Logic function's JavaScript: `export default function main(ctx)` with `import Particle from
 * 'particle:core'`, in a `node:vm` context inside a worker thread.
 *
 * - The module syntax is rewritten to a script (imports of `particle:*` bind the simulated modules, the default
 *   export is remembered), compiled once in the simulator's thread to catch syntax errors, then run in a
 *   worker thread, in a fresh `vm` context per run: no `require`, `process`, timers, network, `eval` or
 *   finalizers, a time limit on the function's own code (an endless loop is stopped and reported as a
 *   timeout), microtasks drained inside that limit, and a memory limit on the worker. The simulator's thread
 *   never blocks on it; a hard deadline terminates a worker that does not finish, and two warm workers are
 *   kept for the next runs.
 * - `console.*` is captured into the run's logs (bounded); `Particle.publish` posts the event to the simulator;
 *   `Particle.ledger(name).get/set/delete` call back into the simulator synchronously (a shared buffer and
 *   `Atomics.wait`); `Particle.getContext()` returns the context. The Particle API helpers (`listDevices`, …)
 *   reject: the simulator does not let Logic call its HTTP API.
 *
 * `node:vm` is not a security boundary: this runs code you wrote, for tests, on your machine.
 */
import * as vm from "node:vm"
import { Worker } from "node:worker_threads"

export interface VmLimits {
  /** Wall-clock limit of the function's own code. */
  readonly timeLimitMs: number
  readonly maxLogs: number
  /** Longest serialised log entry; longer ones are cut. */
  readonly maxLogBytes: number
  readonly maxPublishes: number
  readonly maxMemoryMb: number
}

export interface VmLog {
  readonly level: "Info" | "Warning" | "Error"
  readonly timestamp: string
  readonly args: ReadonlyArray<unknown>
}

export interface VmResult {
  readonly status: "Success" | "Exception" | "Timeout"
  /** `Error: message` for an exception, the time-out text for a timeout. */
  readonly error: string | undefined
  readonly logs: ReadonlyArray<VmLog>
}

export interface VmPublish {
  readonly name: string
  readonly data: string | null
  readonly productId: number | undefined
  readonly asDeviceId: string | undefined
}

export interface VmLedgerRequest {
  readonly op: "get" | "set" | "delete"
  readonly name: string
  readonly scope: { readonly deviceId?: string; readonly productId?: number }
  readonly data?: Record<string, unknown>
  readonly mode?: "Replace" | "Merge"
}

/** What the function can reach in the simulator. Both must answer synchronously and never throw. */
export interface VmHost {
  /** Publishes; an error message when the event is refused. */
  readonly publish: (p: VmPublish) => string | undefined
  /** `{ value }` or `{ error }`. */
  readonly ledger: (r: VmLedgerRequest) => { readonly value: unknown } | { readonly error: string }
}

/** The modules a function may import; the last two exist in Particle but are not simulated. */
const MODULES = ["particle:core", "particle:encoding", "particle:geo"]
const MAX_SOURCE_BYTES = 256 * 1024
const SHARED_BYTES = 256 * 1024

const importRe = /(^|[;\n])\s*import\s+([^'";]*?)\s+from\s+(['"])([^'"\n]+)\3\s*;?/g
const bareImportRe = /(^|[;\n])\s*import\s+(['"])([^'"\n]+)\2\s*;?/g

/** `{ a, b as c }` → `{ a, b: c }` */
const destructure = (named: string): string => named.replace(/([A-Za-z_$][\w$]*)\s+as\s+([A-Za-z_$][\w$]*)/g, "$1: $2")

const bindings = (clause: string, module: string): string | undefined => {
  const m = `__modules[${JSON.stringify(module)}]`
  const c = clause.trim()
  let r: RegExpExecArray | null
  if ((r = /^\*\s+as\s+([A-Za-z_$][\w$]*)$/.exec(c))) return `const ${r[1]} = ${m};`
  if ((r = /^([A-Za-z_$][\w$]*)$/.exec(c))) return `const ${r[1]} = ${m}.default;`
  if ((r = /^(\{[^}]*\})$/.exec(c))) return `const ${destructure(r[1]!)} = ${m};`
  if ((r = /^([A-Za-z_$][\w$]*)\s*,\s*(\{[^}]*\})$/.exec(c))) {
    return `const ${r[1]} = ${m}.default; const ${destructure(r[2]!)} = ${m};`
  }
  if ((r = /^([A-Za-z_$][\w$]*)\s*,\s*\*\s+as\s+([A-Za-z_$][\w$]*)$/.exec(c))) {
    return `const ${r[1]} = ${m}.default; const ${r[2]} = ${m};`
  }
  return undefined
}

/**
 * The function's module rewritten as a script that sets `__exports.default`, or why it cannot run: a syntax
 * error (`SyntaxError: …`), an unknown import, or no default export.
 */
export const compile = (code: string): { readonly script: string } | { readonly error: string } => {
  if (Buffer.byteLength(code) > MAX_SOURCE_BYTES) {
    return { error: `Error: the code is larger than ${MAX_SOURCE_BYTES} bytes` }
  }
  let unknown: string | undefined
  let script = code.replace(importRe, (_all, lead: string, clause: string, _q: string, module: string) => {
    const b = MODULES.includes(module) ? bindings(clause, module) : undefined
    if (b === undefined) unknown ??= module
    return `${lead}${b ?? ""}`
  }).replace(bareImportRe, (_all, lead: string, _q: string, module: string) => {
    if (!MODULES.includes(module)) unknown ??= module
    return lead
  })
  if (unknown !== undefined) return { error: `Error: Cannot find module '${unknown}'` }
  let hasDefault = false
  let exportAfter: string | undefined
  const fn = /\bexport\s+default\s+(async\s+)?function\b(\s*\*)?\s*([A-Za-z_$][\w$]*)?/.exec(script)
  if (fn) {
    hasDefault = true
    const [all, isAsync = "", star = "", name] = fn
    // a named function stays a declaration (so the module can call it by name) and is exported after the body
    const replacement = name === undefined
      ? `__exports.default = ${isAsync}function${star} `
      : `${isAsync}function${star} ${name}`
    script = script.slice(0, fn.index) + replacement + script.slice(fn.index + all.length)
    exportAfter = name
  } else if (/\bexport\s+default\b/.test(script)) {
    hasDefault = true
    script = script.replace(/\bexport\s+default\b/, "__exports.default =")
  }
  script = script.replace(/(^|[;\n{}])\s*export\s+(?=(?:async\s+)?function\b|const\b|let\b|var\b|class\b)/g, "$1")
  try {
    // compiled before the export line is added, so a syntax error is about the function's own code
    new vm.Script(script, { filename: "logic-function.js" })
  } catch (e) {
    return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }
  }
  if (!hasDefault) {
    return { error: "Error: the code must have a default export (export default function main(context) { … })" }
  }
  return { script: exportAfter === undefined ? script : `${script}\n;__exports.default = ${exportAfter};` }
}

/** Runs inside the `vm` context first: the `console`, the `particle:*` modules, the context. */
const PRELUDE = String.raw`
(function () {
  var host = globalThis.__host
  delete globalThis.__host
  var contextJson = globalThis.__contextJson
  delete globalThis.__contextJson
  // nothing may run after the call returns: no finalizers
  delete globalThis.FinalizationRegistry
  delete globalThis.WeakRef
  function show(v) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null) return v
    if (v === undefined) return "undefined"
    if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return String(v)
    if (v instanceof Error) return String(v)
    try { var s = JSON.stringify(v); return s === undefined ? String(v) : JSON.parse(s) } catch (e) { return String(v) }
  }
  function logger(level) {
    return function () {
      var args = []
      for (var i = 0; i < arguments.length; i++) args.push(show(arguments[i]))
      host.log(level, JSON.stringify(args))
    }
  }
  globalThis.console = Object.freeze({
    log: logger("Info"), info: logger("Info"), debug: logger("Info"), trace: logger("Info"),
    warn: logger("Warning"), error: logger("Error")
  })
  function call(method, request) {
    var answer = JSON.parse(host.ledger(JSON.stringify(request)))
    if (answer.error !== undefined) throw new Error(answer.error)
    return answer.value
  }
  function unavailable(name) {
    return function () { return Promise.reject(new Error("Particle." + name + " is not available in the simulator")) }
  }
  var Particle = {
    MERGE: "Merge",
    REPLACE: "Replace",
    publish: function (name, data, options) {
      var o = options || {}
      var payload = { name: String(name), data: data === undefined || data === null ? null : typeof data === "string" ? data : JSON.stringify(data) }
      if (o.productId !== undefined) payload.productId = Number(o.productId)
      if (o.asDeviceId !== undefined) payload.asDeviceId = String(o.asDeviceId)
      var refused = host.publish(JSON.stringify(payload))
      if (refused) throw new Error(refused)
      return null
    },
    ledger: function (name, scopeValues) {
      var scope = scopeValues || {}
      var s = {}
      if (scope.deviceId !== undefined) s.deviceId = String(scope.deviceId)
      if (scope.productId !== undefined) s.productId = Number(scope.productId)
      return Object.freeze({
        get: function () { return call("get", { op: "get", name: String(name), scope: s }) },
        set: function (data, setMode) {
          call("set", { op: "set", name: String(name), scope: s, data: JSON.parse(JSON.stringify(data === undefined ? {} : data)), mode: setMode === "Merge" ? "Merge" : "Replace" })
          return null
        },
        delete: function () { call("delete", { op: "delete", name: String(name), scope: s }); return null }
      })
    },
    getContext: function () { return JSON.parse(contextJson) }
  }
  var names = ["listDevices", "getDevice", "getLastDeviceVitals", "getDeviceLocation", "listIntegrations", "getIntegration",
    "integrationsMetrics", "listProducts", "listUserProducts", "listOrgProducts", "getProduct", "getOrgProduct"]
  for (var i = 0; i < names.length; i++) Particle[names[i]] = unavailable(names[i])
  Particle.default = Particle
  function notSimulated(module) {
    return new Proxy({}, { get: function (_t, key) {
      if (key === "then") return undefined
      throw new Error(module + " is not available in the simulator")
    } })
  }
  globalThis.__modules = Object.freeze({
    "particle:core": Object.freeze(Particle),
    "particle:encoding": notSimulated("particle:encoding"),
    "particle:geo": notSimulated("particle:geo")
  })
  globalThis.__exports = {}
  globalThis.__state = { done: false, failed: false, error: "" }
  globalThis.__context = JSON.parse(contextJson)
})()
`

/** Calls the default export with the context; a returned promise settles through the drained microtasks. */
const INVOKE = "(function () {" +
  " var main = __exports.default;" +
  " var fail = function (e) { __state.done = true; __state.failed = true; __state.error = String(e && e.stack && e.name ? e.name + ': ' + e.message : e) };" +
  " if (typeof main !== 'function') { fail(new TypeError('the default export is not a function')); return }" +
  " try { var r = main(__context) } catch (e) { fail(e); return }" +
  " if (r !== null && typeof r === 'object' && typeof r.then === 'function') {" +
  "   r.then(function () { __state.done = true }, fail)" +
  " } else { __state.done = true }" +
  "})()"

/**
 * The code a worker runs (a CommonJS script, `eval: true`): it waits for `run` messages and runs each in a
 * fresh `vm` context, one at a time, answering `done`; `publish` and `ledger` go to the simulator meanwhile.
 */
const WORKER_SOURCE = String.raw`
"use strict"
const vm = require("node:vm")
const { parentPort, workerData } = require("node:worker_threads")
const { prelude, invoke, shared } = workerData
const ctl = new Int32Array(shared, 0, 2)
const bytes = new Uint8Array(shared, 8)
const decoder = new TextDecoder()
const preludeScript = new vm.Script(prelude, { filename: "particle-prelude.js" })
const invokeScript = new vm.Script(invoke, { filename: "logic-invoke.js" })
parentPort.on("message", (m) => {
  if (m && m.type === "run") run(m)
})
function run({ id, script, contextJson, limits }) {
  const logs = []
  let publishes = 0
  // the function's time starts when its own code starts (the prelude is ours)
  let started = Date.now()
  const remaining = () => Math.max(1, limits.timeLimitMs - (Date.now() - started))
  const cut = (s) => (s.length > limits.maxLogBytes ? s.slice(0, limits.maxLogBytes) + "…" : s)
  const host = {
    log(level, argsJson) {
      if (logs.length >= limits.maxLogs) return
      let args
      try { args = JSON.parse(argsJson) } catch { args = [String(argsJson)] }
      if (argsJson.length > limits.maxLogBytes) args = [cut(argsJson)]
      logs.push({ level, timestamp: new Date().toISOString(), args })
    },
    publish(json) {
      if (++publishes > limits.maxPublishes) return "Too many events published by one run (at most " + limits.maxPublishes + ")"
      parentPort.postMessage({ type: "publish", id, json })
      return ""
    },
    ledger(json) {
      Atomics.store(ctl, 0, 0)
      parentPort.postMessage({ type: "ledger", id, json })
      if (Atomics.wait(ctl, 0, 0, remaining()) === "timed-out") return JSON.stringify({ error: "The ledger did not answer in time" })
      return decoder.decode(bytes.slice(0, Atomics.load(ctl, 1)))
    }
  }
  let status = "Success"
  let error
  try {
    const context = vm.createContext({ __host: host, __contextJson: contextJson }, {
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: "afterEvaluate"
    })
    preludeScript.runInContext(context, { timeout: 10000 })
    const compiled = new vm.Script(script, { filename: "logic-function.js" })
    started = Date.now()
    compiled.runInContext(context, { timeout: remaining() })
    invokeScript.runInContext(context, { timeout: remaining() })
    const state = vm.runInContext("({ done: __state.done, failed: __state.failed, error: String(__state.error) })", context, { timeout: 10000 })
    if (!state.done) {
      status = "Timeout"
      error = "Timeout: the function's promise never settled"
    } else if (state.failed) {
      status = "Exception"
      error = state.error
    }
  } catch (e) {
    if (e && e.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      status = "Timeout"
      error = "Timeout: the function ran longer than " + limits.timeLimitMs + " ms"
    } else {
      status = "Exception"
      try { error = e && e.name ? e.name + ": " + e.message : String(e) } catch { error = "Error" }
    }
  }
  parentPort.postMessage({ type: "done", id, status, error: error === undefined ? undefined : String(error).slice(0, 4096), logs })
}
`

interface PooledWorker {
  readonly worker: Worker
  readonly ctl: Int32Array
  readonly bytes: Uint8Array
  readonly memoryMb: number
}

/**
 * Warm workers waiting for a run (at most two, unref'd so they never keep a process alive). A worker is
 * reused only after a run it finished itself; one that failed, ran out of memory or missed its deadline is
 * terminated. Every run gets a fresh `vm` context, so runs share nothing.
 */
const idle: Array<PooledWorker> = []
const MAX_IDLE = 2
let runIds = 0

const spawn = (memoryMb: number): PooledWorker => {
  const shared = new SharedArrayBuffer(8 + SHARED_BYTES)
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { prelude: PRELUDE, invoke: INVOKE, shared },
    resourceLimits: {
      maxOldGenerationSizeMb: memoryMb,
      maxYoungGenerationSizeMb: 16,
      codeRangeSizeMb: 16,
      stackSizeMb: 4
    },
    env: {},
    execArgv: []
  })
  worker.unref()
  // an idle worker that dies is simply dropped from the pool
  worker.on("error", () => undefined)
  worker.on("exit", () => {
    const i = idle.findIndex((w) => w.worker === worker)
    if (i >= 0) idle.splice(i, 1)
  })
  return { worker, ctl: new Int32Array(shared, 0, 2), bytes: new Uint8Array(shared, 8), memoryMb }
}

const acquire = (memoryMb: number): PooledWorker => {
  const i = idle.findIndex((w) => w.memoryMb === memoryMb)
  return i >= 0 ? idle.splice(i, 1)[0]! : spawn(memoryMb)
}

const release = (w: PooledWorker): void => {
  if (idle.length < MAX_IDLE) idle.push(w)
  else w.worker.terminate().catch(() => undefined)
}

interface WorkerMessage {
  readonly type: string
  readonly id?: number
  readonly json?: string
  readonly status?: VmResult["status"]
  readonly error?: string
  readonly logs?: Array<VmLog>
}

/** Runs a compiled function with a context (as JSON) and the host's callbacks; never rejects. */
export const runCompiled = (script: string, contextJson: string, host: VmHost, limits: VmLimits): Promise<VmResult> =>
  new Promise<VmResult>((resolve) => {
    let w: PooledWorker
    try {
      w = acquire(limits.maxMemoryMb)
    } catch (e) {
      resolve({
        status: "Exception",
        error: `Error: could not start the function (${e instanceof Error ? e.message : String(e)})`,
        logs: []
      })
      return
    }
    const id = ++runIds
    let settled = false
    const answer = (text: string) => {
      let encoded = new TextEncoder().encode(text)
      if (encoded.length > w.bytes.length) {
        encoded = new TextEncoder().encode(JSON.stringify({ error: "The ledger answer is too large" }))
      }
      w.bytes.set(encoded)
      Atomics.store(w.ctl, 1, encoded.length)
      Atomics.store(w.ctl, 0, 1)
      Atomics.notify(w.ctl, 0)
    }
    const onMessage = (m: WorkerMessage) => {
      if (settled || m.id !== id) return
      try {
        if (m.type === "publish") {
          const p = JSON.parse(m.json ?? "{}") as {
            name?: unknown
            data?: unknown
            productId?: unknown
            asDeviceId?: unknown
          }
          host.publish({
            name: String(p.name ?? ""),
            data: typeof p.data === "string" ? p.data : null,
            productId: typeof p.productId === "number" && Number.isFinite(p.productId) ? p.productId : undefined,
            asDeviceId: typeof p.asDeviceId === "string" ? p.asDeviceId : undefined
          })
        } else if (m.type === "ledger") {
          let request: VmLedgerRequest
          try {
            request = JSON.parse(m.json ?? "{}") as VmLedgerRequest
          } catch {
            return answer(JSON.stringify({ error: "Malformed ledger request" }))
          }
          answer(JSON.stringify(host.ledger(request)))
        } else if (m.type === "done") {
          finish({
            status: m.status ?? "Exception",
            error: m.error,
            logs: Array.isArray(m.logs) ? m.logs.slice(0, limits.maxLogs) : []
          }, true)
        }
      } catch (e) {
        if (m.type === "ledger") answer(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }))
      }
    }
    const onError = (e: Error & { code?: string }) =>
      finish({
        status: "Exception",
        error: e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? "RangeError: the function ran out of memory"
          : `${e.name}: ${e.message}`,
        logs: []
      }, false)
    const onExit = () =>
      finish({ status: "Exception", error: "Error: the function stopped unexpectedly", logs: [] }, false)
    const finish = (r: VmResult, reusable: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      w.worker.off("message", onMessage)
      w.worker.off("error", onError)
      w.worker.off("exit", onExit)
      if (reusable) release(w)
      else w.worker.terminate().catch(() => undefined)
      resolve(r)
    }
    // the worker's own time limit covers the function; this one covers a worker that never gets that far
    const deadline = setTimeout(
      () =>
        finish({
          status: "Timeout",
          error: `Timeout: the function did not finish within ${limits.timeLimitMs} ms`,
          logs: []
        }, false),
      limits.timeLimitMs + 10_000
    )
    deadline.unref()
    w.worker.on("message", onMessage)
    w.worker.on("error", onError)
    w.worker.on("exit", onExit)
    w.worker.postMessage({ type: "run", id, script, contextJson, limits })
  })
