/**
 * Particle firmware library archives: a `.tar.gz` holding `library.properties` (Arduino's format, which
 * Particle uses: `name=`, `version=`, `author=`, `license=`, `sentence=`, `paragraph=`, `url=`,
 * `repository=`, `architectures=`, `dependencies.<lib>=<version>`) and the sources. The simulator writes
 * them for its seeded libraries and reads contributed ones.
 */
import { type ReadEntry, type ReadLimits, readTarGz, writeTarGz } from "./tar.js"

/** Particle's library name rule: letters, digits, `_`, `-` and `.`, starting with a letter or digit. */
export const LIBRARY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/
/** `major.minor.patch`, as library.properties carries it. */
export const LIBRARY_VERSION = /^\d{1,6}\.\d{1,6}\.\d{1,6}$/

/** `key=value` lines; `#` comments and blank lines ignored; the first occurrence of a key wins. */
export const parseProperties = (text: string): Map<string, string> => {
  const out = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed === "" || trimmed.startsWith("#")) continue
    const eq = trimmed.indexOf("=")
    if (eq <= 0) continue
    const key = trimmed.slice(0, eq).trim()
    if (!out.has(key)) out.set(key, trimmed.slice(eq + 1).trim())
  }
  return out
}

export interface LibraryProperties {
  readonly name: string
  readonly version: string
  readonly author?: string | undefined
  readonly license?: string | undefined
  readonly sentence?: string | undefined
  readonly paragraph?: string | undefined
  readonly url?: string | undefined
  readonly repository?: string | undefined
  readonly architectures?: ReadonlyArray<string> | undefined
  readonly dependencies?: Readonly<Record<string, string>> | undefined
}

export const propertiesText = (p: LibraryProperties): string => {
  const lines = [`name=${p.name}`, `version=${p.version}`]
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") lines.push(`${key}=${value}`)
  }
  add("author", p.author)
  add("license", p.license)
  add("sentence", p.sentence)
  add("paragraph", p.paragraph)
  add("url", p.url)
  add("repository", p.repository)
  add("architectures", p.architectures === undefined ? undefined : p.architectures.join(","))
  for (const [lib, version] of Object.entries(p.dependencies ?? {})) add(`dependencies.${lib}`, version)
  return lines.join("\n") + "\n"
}

const text = (s: string) => new TextEncoder().encode(s)

/** A real library archive: `library.properties`, a README, a header, a source file and an example. */
export const makeLibraryArchive = (p: LibraryProperties): Uint8Array => {
  const guard = p.name.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()
  return writeTarGz([
    { path: "library.properties", data: text(propertiesText(p)) },
    { path: "README.md", data: text(`# ${p.name}\n\n${p.sentence ?? ""}\n\nVersion ${p.version}.\n`) },
    { path: "src", type: "directory", data: new Uint8Array(0) },
    {
      path: `src/${p.name}.h`,
      data: text(
        `#ifndef ${guard}_H\n#define ${guard}_H\n\n#define ${guard}_VERSION "${p.version}"\n\nint ${guard.toLowerCase()}_version();\n\n#endif\n`
      )
    },
    {
      path: `src/${p.name}.cpp`,
      data: text(`#include "${p.name}.h"\n\nint ${guard.toLowerCase()}_version() { return 1; }\n`)
    },
    { path: "examples/usage", type: "directory", data: new Uint8Array(0) },
    {
      path: "examples/usage/usage.ino",
      data: text(`#include "${p.name}.h"\n\nvoid setup() {}\n\nvoid loop() {}\n`)
    }
  ])
}

export interface ReadLibrary {
  readonly properties: LibraryProperties
  readonly entries: ReadonlyArray<ReadEntry>
}

const list = (s: string | undefined): Array<string> | undefined =>
  s === undefined ? undefined : s.split(",").map((x) => x.trim()).filter((x) => x.length > 0)

/**
 * Unpacks a contributed archive and reads its `library.properties` (at the root, or in the one top-level
 * directory the archive holds). Returns the reason as a string when the archive is not a valid library.
 */
export const readLibraryArchive = (bytes: Uint8Array, limits?: ReadLimits): ReadLibrary | string => {
  const entries = readTarGz(bytes, limits)
  if (typeof entries === "string") return entries
  const props = entries.find((e) => e.type === "file" && e.path === "library.properties") ??
    entries.find((e) => e.type === "file" && /^[^/]+\/library\.properties$/.test(e.path))
  if (props === undefined) return "library.properties is missing from the archive"
  const map = parseProperties(new TextDecoder().decode(props.data))
  const name = map.get("name")
  const version = map.get("version")
  if (name === undefined || name === "") return "library.properties has no name"
  if (!LIBRARY_NAME.test(name)) {
    return `library.properties: the name "${name.slice(0, 80)}" is not valid (letters, digits, _, - and .)`
  }
  if (version === undefined || version === "") return "library.properties has no version"
  if (!LIBRARY_VERSION.test(version)) {
    return `library.properties: the version "${version.slice(0, 40)}" is not valid (major.minor.patch)`
  }
  const dependencies: Record<string, string> = {}
  for (const [key, value] of map) {
    if (key.startsWith("dependencies.")) dependencies[key.slice("dependencies.".length)] = value
  }
  return {
    properties: {
      name,
      version,
      author: map.get("author"),
      license: map.get("license"),
      sentence: map.get("sentence"),
      paragraph: map.get("paragraph"),
      url: map.get("url"),
      repository: map.get("repository"),
      architectures: list(map.get("architectures")),
      dependencies: Object.keys(dependencies).length > 0 ? dependencies : undefined
    },
    entries
  }
}
