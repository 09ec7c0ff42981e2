import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"

describe("README", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")

  it("documents every bug of particle-api-js's EventStream (§6.7, 1–8) in the comparison", () => {
    const section = readme.slice(readme.indexOf("## Compared with particle-api-js"))
    for (let n = 1; n <= 8; n++) expect(section).toMatch(new RegExp(`\\n\\| ${n} \\|`))
  })
})
