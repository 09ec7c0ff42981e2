// Size check of the one-call browser bundle (bytes, not time). Exits non-zero when
//  - the bundle pulls in a Node built-in (esbuild, platform browser, no externals: a `node:*` or bare
//    built-in import fails to resolve, and any `node:` input in the metafile is rejected too), or
//  - its gzip -9 size exceeds the budget recorded in bench/bundle-budget.json.
// Needs the packages' dist/ (run the build first). Usage: node bench/check-bundle.js [--json]
import { readFileSync } from "node:fs"
import { esbuildBundle, programs } from "./lib/bundle.js"
import { benchDir } from "./lib/common.js"

export const checkBundle = async () => {
  const budget = JSON.parse(readFileSync(benchDir + "bundle-budget.json", "utf8"))
  const problems = []
  let measured
  try {
    measured = await esbuildBundle(programs["one-call"].source)
    if (measured.nodeBuiltins.length > 0) problems.push(`imports Node built-ins: ${measured.nodeBuiltins.join(", ")}`)
    if (measured.gz > budget.oneCall.gzipBytes) {
      problems.push(
        `one-call bundle is ${measured.gz} B gzip -9, over the budget of ${budget.oneCall.gzipBytes} B (bench/bundle-budget.json)`
      )
    }
  } catch (e) {
    const msgs = (e.errors ?? []).map((x) => x.text)
    problems.push(`esbuild (platform browser, no externals) failed: ${msgs.length ? msgs.join("; ") : e.message}`)
  }
  return { ok: problems.length === 0, problems, gz: measured?.gz, min: measured?.min, budget: budget.oneCall.gzipBytes }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await checkBundle()
  if (process.argv.includes("--json")) console.log(JSON.stringify(r))
  else if (r.ok) console.log(`bundle check OK: one-call ${r.gz} B gzip -9 (budget ${r.budget} B), no Node built-ins`)
  else console.error("bundle check FAILED:\n- " + r.problems.join("\n- "))
  process.exit(r.ok ? 0 : 1)
}
