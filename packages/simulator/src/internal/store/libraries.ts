/**
 * Firmware libraries and their versions, keyed by lowercase name (names are case-insensitive). Every
 * version carries a real `.tar.gz` archive (seeded ones are built here, contributed ones are stored as
 * uploaded). Bounded: at most `MAX_LIBRARIES` libraries and `MAX_VERSIONS` versions each.
 */
import { makeLibraryArchive } from "../library-archive.js"
import type { LibraryRecord, LibraryVersion } from "./types.js"

export const MAX_LIBRARIES = 1000
export const MAX_VERSIONS = 100

export class LibraryStore {
  private readonly byName = new Map<string, LibraryRecord>()

  get(name: string): LibraryRecord | undefined {
    return this.byName.get(name.toLowerCase())
  }
  all(): Array<LibraryRecord> {
    return [...this.byName.values()]
  }
  get size(): number {
    return this.byName.size
  }

  add(lib: LibraryRecord): LibraryRecord {
    const key = lib.name.toLowerCase()
    if (this.byName.has(key)) throw new Error(`Library ${lib.name} already exists`)
    if (this.byName.size >= MAX_LIBRARIES) throw new Error(`The simulator holds at most ${MAX_LIBRARIES} libraries`)
    this.byName.set(key, lib)
    return lib
  }

  /** Adds a version, keeping the versions sorted from oldest to newest. */
  addVersion(lib: LibraryRecord, v: LibraryVersion): void {
    if (lib.versions.length >= MAX_VERSIONS) throw new Error(`A library holds at most ${MAX_VERSIONS} versions`)
    lib.versions.push(v)
    lib.versions.sort((a, b) => compareVersions(a.version, b.version))
  }

  remove(lib: LibraryRecord): void {
    this.byName.delete(lib.name.toLowerCase())
  }
}

/** Numeric comparison of `major.minor.patch`. */
export const compareVersions = (a: string, b: string): number => {
  const pa = a.split(".").map(Number)
  const pb = b.split(".").map(Number)
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

export const defaultLibraryAttributes = (name: string, author: string): Record<string, unknown> => ({
  license: "MIT",
  author,
  sentence: `The ${name} library`,
  paragraph: null,
  category: "Other",
  url: `https://github.com/example/${name}`,
  repository: `example/${name}`,
  architectures: [],
  dependencies: null
})

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined)

/** The archive of a version whose attributes are known: its library.properties says the same. */
export const archiveOf = (name: string, version: string, attributes: Record<string, unknown>): Uint8Array =>
  makeLibraryArchive({
    name,
    version,
    author: str(attributes["author"]),
    license: str(attributes["license"]),
    sentence: str(attributes["sentence"]),
    paragraph: str(attributes["paragraph"]),
    url: str(attributes["url"]),
    repository: str(attributes["repository"]),
    architectures: Array.isArray(attributes["architectures"]) && attributes["architectures"].length > 0
      ? attributes["architectures"].map(String)
      : undefined
  })

export const mkLibrary = (
  name: string,
  owner: string | undefined,
  visibility: "public" | "private",
  official: boolean,
  versions: Array<string>
): LibraryRecord => ({
  name,
  owner,
  visibility,
  official,
  verified: official,
  installs: official ? 9125 : 12,
  versions: versions.map((version) => {
    const attributes = defaultLibraryAttributes(name, "Particle Simulator")
    return { version, created: "2024-01-01T00:00:00.000Z", archive: archiveOf(name, version, attributes), attributes }
  })
})
