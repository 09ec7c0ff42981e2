import { Operation } from "@effect-particle/core"
import { readdirSync, readFileSync } from "node:fs"

/** Every workspace package with operations (marked `"effect-particle": { "domain": true }`). */
export const domainNames: ReadonlyArray<string> = readdirSync(new URL("../../", import.meta.url)).filter((dir) => {
  try {
    return JSON.parse(readFileSync(new URL(`../../${dir}/package.json`, import.meta.url), "utf8"))["effect-particle"]
      ?.domain === true
  } catch {
    return false
  }
}).sort()

export interface Exported {
  readonly pkg: string
  readonly name: string
  readonly definition: Operation.Definition
  /** the exported operation itself; undefined for a stream function (its definition is the one it wraps) */
  readonly operation: Operation.Any | undefined
}

/** Every exported operation of every domain package, and the operations its stream functions are built on. */
export const exportedOperations = async (): Promise<ReadonlyArray<Exported>> => {
  const out: Array<Exported> = []
  for (const pkg of domainNames) {
    const mod: Record<string, unknown> = await import(new URL(`../../${pkg}/src/index.ts`, import.meta.url).href)
    for (const [name, value] of Object.entries(mod)) {
      if (Operation.isOperation(value)) out.push({ pkg, name, definition: value.definition, operation: value })
      else if (Operation.isStreaming(value)) {
        out.push({ pkg, name, definition: value.streamOf.definition, operation: undefined })
      }
    }
  }
  return out
}
