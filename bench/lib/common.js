// Shared helpers of the benchmark suite: statistics, child processes, machine description.
import { fork } from "node:child_process"
import os from "node:os"
import { fileURLToPath } from "node:url"

export const benchDir = fileURLToPath(new URL("..", import.meta.url))

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** `{ median, min, max, n }` of a list of numbers. */
export const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length })

/** Formats a summary as `median (min–max)` with `digits` decimals. */
export const fmt = (s, digits = 0) => {
  if (s === undefined) return "—"
  const f = (x) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
  return s.n > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median)
}

export const ratio = (a, b, digits = 2) => (b ? (a / b).toFixed(digits) + "×" : "—")

/** Forks `script` with `args`; resolves with the first IPC message that has `type: "ready"` (its payload). */
export const forkServer = (script, args = [], execArgv = []) =>
  new Promise((resolve, reject) => {
    const child = fork(script, args, { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv })
    const onExit = (code) => reject(new Error(`${script} exited with ${code} before it was ready`))
    child.once("exit", onExit)
    child.on("message", (m) => {
      if (m && m.type === "ready") {
        child.off("exit", onExit)
        resolve({ child, ...m })
      }
    })
  })

/** Runs `script` in a child process and resolves with the last IPC message of `type: "result"`. */
export const runChild = (script, args = [], execArgv = []) =>
  new Promise((resolve, reject) => {
    const child = fork(script, args, { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv })
    let result
    child.on("message", (m) => {
      if (m && m.type === "result") result = m.result
    })
    child.once("error", reject)
    child.once("exit", (code) => {
      if (code === 0 && result !== undefined) resolve(result)
      else reject(new Error(`${script} ${args.join(" ")} exited with ${code}`))
    })
  })

export const stopChild = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.kill("SIGTERM")
  })

export const machine = () => {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model?.trim() ?? "unknown",
    cores: cpus.length,
    ramGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    node: process.version,
    v8: process.versions.v8
  }
}

/** Deterministic PRNG (mulberry32) so that every client gets the same chunk splits. */
export const prng = (seed) => () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

export const cpuMicros = (since) => {
  const c = process.cpuUsage(since)
  return c.user + c.system
}
