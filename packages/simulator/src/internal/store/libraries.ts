/** Firmware libraries and their versions, keyed by lowercase name (names are case-insensitive). */
import type { LibraryRecord, LibraryVersion } from "./types.js"

export class LibraryStore {
  private readonly byName = new Map<string, LibraryRecord>()

  get(name: string): LibraryRecord | undefined { return this.byName.get(name.toLowerCase()) }
  all(): Array<LibraryRecord> { return [...this.byName.values()] }

  add(lib: LibraryRecord): LibraryRecord {
    const key = lib.name.toLowerCase()
    if (this.byName.has(key)) throw new Error(`Library ${lib.name} already exists`)
    this.byName.set(key, lib)
    return lib
  }

  addVersion(lib: LibraryRecord, v: LibraryVersion): void { lib.versions.push(v) }
  remove(lib: LibraryRecord): void { this.byName.delete(lib.name.toLowerCase()) }
}

export const defaultLibraryAttributes = (name: string, author: string): Record<string, unknown> => ({
  license: "MIT", author, sentence: `The ${name} library`, paragraph: null, category: "Other",
  url: `https://github.com/example/${name}`, repository: `example/${name}`, architectures: [], dependencies: null
})

export const mkLibrary = (name: string, owner: string | undefined, visibility: "public" | "private", official: boolean, versions: Array<string>): LibraryRecord => ({
  name, owner, visibility, official, verified: official, installs: official ? 9125 : 12,
  versions: versions.map((version) => ({
    version,
    created: "2024-01-01T00:00:00.000Z",
    archive: fakeTarGz(name, version),
    attributes: defaultLibraryAttributes(name, "Particle Simulator")
  }))
})

/** Not a real tarball: deterministic bytes starting with the gzip magic, enough for download tests. */
export const fakeTarGz = (name: string, version: string): Uint8Array => {
  const body = new TextEncoder().encode(`${name}@${version}`)
  const out = new Uint8Array(body.length + 2)
  out[0] = 0x1f
  out[1] = 0x8b
  out.set(body, 2)
  return out
}
