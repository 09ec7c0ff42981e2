// Compiles every `@example` of the JSDoc of every published package, so that no example in the API
// reference can rot (run by `pnpm test`, after the build). Like @effect/docgen: each example becomes a
// module of its own, importing the packages by their names; here they resolve to the built declarations
// (`exports` → `types`: what a user's editor sees), and every other import resolves from the package's
// folder (its own dependencies). One `tsc --noEmit` with the project's compiler options, strict, but
// unused names allowed (an example may define what it does not use). The examples are not run: they would
// talk to the real Particle Cloud.
//   node scripts/check-examples.mjs
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../", import.meta.url))
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"))

/** Published package folders (non-private), from pnpm-workspace.yaml. */
const packageDirs = () => {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")
  const list = /^packages:\n((?:\s+-.*\n?)+)/m.exec(yaml)?.[1] ?? ""
  const patterns = [...list.matchAll(/^\s+-\s*["']?([^"'\n]+?)["']?\s*$/gm)].map((m) => m[1])
  return patterns.flatMap((p) =>
    p.endsWith("/*")
      ? readdirSync(join(root, p.slice(0, -2)), { withFileTypes: true }).filter((d) => d.isDirectory())
        .map((d) => `${p.slice(0, -2)}/${d.name}`)
      : [p]
  ).filter((dir) =>
    existsSync(join(root, dir, "package.json")) && readJson(join(root, dir, "package.json")).private !== true
  )
    .sort()
}

const sourceFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []
  )

/** The `@example` code blocks of a file: { line (1-based, of the first code line), code, near (a name) }. */
const examplesOf = (text) => {
  const out = []
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = text.slice(0, comment.index).split("\n").length
    const lines = comment[0].split("\n").map((l) => l.replace(/^\s*\/?\*\*?\/?\s?/, "").replace(/\s*\*\/$/, ""))
    const after = text.slice(comment.index + comment[0].length, comment.index + comment[0].length + 300)
    const near = /(?:const|function|class|interface|type|namespace)\s+([A-Za-z0-9_$]+)/.exec(after)?.[1] ?? "module"
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i])) continue
      let j = i + 1
      while (j < lines.length && lines[j].trim() === "") j++
      if (!/^```(ts|typescript)?\s*$/.test(lines[j] ?? "")) {
        out.push({ line: startLine + i, code: undefined, near })
        continue
      }
      const first = j + 1
      let k = first
      while (k < lines.length && !/^```\s*$/.test(lines[k])) k++
      out.push({ line: startLine + first, code: lines.slice(first, k).join("\n"), near })
      i = k
    }
  }
  return out
}

const problems = []
const work = join(root, "node_modules/.cache/effect-particle-examples")
rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })

const paths = {}
const files = []
const origin = new Map()
const seen = new Set()
const dirs = packageDirs()
for (const dir of dirs) {
  const manifest = readJson(join(root, dir, "package.json"))
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const spec = subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`
    paths[spec] = [join(root, dir, target.types)]
  }
  // the examples live in the package's node_modules, so that their imports resolve as the package's do
  const out = join(root, dir, "node_modules/.examples")
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  for (const file of sourceFiles(join(root, dir, "src")).sort()) {
    const text = readFileSync(file, "utf8")
    examplesOf(text).forEach((example, n) => {
      const where = `${relative(root, file)}:${example.line}`
      if (example.code === undefined) {
        problems.push(`${where}: @example of ${example.near} is not a \`\`\`ts code block`)
        return
      }
      if (seen.has(example.code)) return // a barrel repeats its modules' doc comments
      seen.add(example.code)
      const name = `${relative(join(root, dir, "src"), file).replace(/[/.]/g, "_")}_${n}.ts`
      const header = `// ${where} (@example of ${example.near})\n`
      writeFileSync(join(out, name), `${header}${example.code}\nexport {}\n`)
      files.push(join(out, name))
      origin.set(join(out, name), { file: relative(root, file), line: example.line - 1, near: example.near })
    })
  }
}

const base = readJson(join(root, "tsconfig.base.json")).compilerOptions
writeFileSync(
  join(work, "tsconfig.json"),
  JSON.stringify(
    {
      compilerOptions: {
        ...base,
        noEmit: true,
        declaration: false,
        declarationMap: false,
        sourceMap: false,
        noUnusedLocals: false,
        noUnusedParameters: false,
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
        paths
      },
      files
    },
    null,
    2
  )
)
const tsc = spawnSync(join(root, "node_modules/.bin/tsc"), ["-p", join(work, "tsconfig.json"), "--pretty", "false"], {
  encoding: "utf8"
})
for (const line of tsc.stdout.split("\n").filter(Boolean)) {
  // "<file>(<line>,<col>): error TS…" → the line in the source file's comment
  const m = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(line)
  const o = m && origin.get(resolve(root, m[1]))
  problems.push(o ? `${o.file}:${o.line + Number(m[2]) - 1}: @example of ${o.near}: ${m[4]}` : line)
}
if (tsc.status !== 0 && problems.length === 0) problems.push(`tsc failed: ${tsc.stderr || tsc.stdout}`)

if (problems.length > 0) {
  console.error(`examples check FAILED (${problems.length}):\n- ${problems.join("\n- ")}`)
  process.exit(1)
}
console.log(`examples check OK: ${files.length} @examples of ${dirs.length} packages compile`)
