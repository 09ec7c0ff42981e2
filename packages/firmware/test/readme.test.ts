import { Operation } from "@effect-particle/core"
import * as Firmware from "@effect-particle/firmware"
import { assert, it } from "@effect/vitest"
import { readFileSync, writeFileSync } from "node:fs"

const README = new URL("../README.md", import.meta.url)
const START = "<!-- operations:start -->\n"
const END = "\n<!-- operations:end -->"

it("README's function table is exactly Operation.markdownTable of every operation", () => {
  const table = Operation.markdownTable(Firmware.operations)
  const text = readFileSync(README, "utf8")
  const from = text.indexOf(START)
  const to = text.indexOf(END)
  assert.isAtLeast(from, 0, "README.md lacks the operations:start marker")
  assert.isAbove(to, from, "README.md lacks the operations:end marker")
  if (process.env.UPDATE_README === "1") {
    writeFileSync(README, text.slice(0, from + START.length) + table + text.slice(to))
    return
  }
  assert.strictEqual(text.slice(from + START.length, to), table, "run UPDATE_README=1 vitest run test/readme.test.ts")
})

it("operations lists every exported operation once, and each is an Operation", () => {
  const exported = Object.entries(Firmware).filter(([, value]) =>
    typeof value === "function" && "definition" in value
  ).map(([name]) => name).sort()
  const listed = Firmware.operations.map((op) => op.definition.name).sort()
  assert.deepStrictEqual(listed, exported)
  assert.strictEqual(new Set(listed).size, listed.length)
  assert.strictEqual(listed.length, 5)
})
