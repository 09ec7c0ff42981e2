// Runs one cold-start program in a fresh process: node bench/coldstart/entry.js <program file> <base URL>
// Reports the time from process start to the program's import, the import, and its first call.
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"

const [program, base] = process.argv.slice(2)
const t0 = performance.now()
const m = await import(pathToFileURL(program).href)
const t1 = performance.now()
const result = await m.run(base)
const t2 = performance.now()
if (result === undefined) throw new Error("no result")
const cjs = Object.keys(createRequire(import.meta.url).cache).length
process.send({
  type: "result",
  result: {
    bootMs: t0,
    importMs: t1 - t0,
    firstCallMs: t2 - t1,
    totalMs: t2,
    cjsModules: cjs,
    rss: process.memoryUsage.rss()
  }
})
process.exit(0)
