/**
 * A small, bounded POSIX tar (ustar) writer and reader, and `.tar.gz` on top of `node:zlib`: library
 * archives are real archives that `tar xzf` extracts, and uploads are really unpacked. The reader accepts
 * what common tools write (ustar, GNU long names, pax `path` records) and refuses anything it cannot vouch
 * for with a reason, never an exception escaping to the caller.
 */
import { gunzipSync, gzipSync } from "node:zlib"

const BLOCK = 512

export interface TarEntry {
  /** Relative path inside the archive, `/`-separated (a directory may end in `/`). */
  readonly path: string
  readonly data: Uint8Array
  /** `file` (default) or `directory`. */
  readonly type?: "file" | "directory"
  /** Permission bits, default 0o644 (0o755 for directories). */
  readonly mode?: number
  /** Seconds since the epoch, default 0 (deterministic archives). */
  readonly mtime?: number
}

export interface ReadEntry {
  readonly path: string
  readonly type: "file" | "directory" | "other"
  readonly data: Uint8Array
}

export interface ReadLimits {
  /** Most bytes a decompressed archive may hold. */
  readonly maxBytes: number
  /** Most entries an archive may hold. */
  readonly maxEntries: number
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxBytes: 32 * 1024 * 1024, maxEntries: 10_000 }

const enc = new TextEncoder()
const dec = new TextDecoder("utf-8", { fatal: false })

const writeString = (block: Uint8Array, offset: number, length: number, value: string): void => {
  const bytes = enc.encode(value)
  if (bytes.length > length) throw new Error(`tar: "${value}" does not fit in ${length} bytes`)
  block.set(bytes, offset)
}

/** An octal number field: zero-padded digits, then a NUL. */
const writeOctal = (block: Uint8Array, offset: number, length: number, value: number): void => {
  const digits = Math.floor(value).toString(8)
  if (digits.length > length - 1) throw new Error(`tar: ${value} does not fit in a ${length}-byte field`)
  writeString(block, offset, length - 1, digits.padStart(length - 1, "0"))
  block[offset + length - 1] = 0
}

/** Splits a long path into ustar's `prefix` (≤ 155 bytes) and `name` (≤ 100 bytes) at a `/`. */
const splitPath = (path: string): { prefix: string; name: string } => {
  if (enc.encode(path).length <= 100) return { prefix: "", name: path }
  for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) {
    const prefix = path.slice(0, i)
    const name = path.slice(i + 1)
    if (enc.encode(prefix).length <= 155 && enc.encode(name).length <= 100 && name.length > 0) return { prefix, name }
  }
  throw new Error(`tar: the path "${path}" is too long for a ustar header`)
}

const checksum = (header: Uint8Array): number => {
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!
  return sum
}

const header = (entry: TarEntry): Uint8Array => {
  const block = new Uint8Array(BLOCK)
  const directory = entry.type === "directory"
  const path = directory && !entry.path.endsWith("/") ? entry.path + "/" : entry.path
  const { name, prefix } = splitPath(path)
  writeString(block, 0, 100, name)
  writeOctal(block, 100, 8, entry.mode ?? (directory ? 0o755 : 0o644))
  writeOctal(block, 108, 8, 0)
  writeOctal(block, 116, 8, 0)
  writeOctal(block, 124, 12, directory ? 0 : entry.data.length)
  writeOctal(block, 136, 12, entry.mtime ?? 0)
  block[156] = directory ? 0x35 : 0x30 // '5' directory, '0' regular file
  writeString(block, 257, 6, "ustar")
  writeString(block, 263, 2, "00")
  writeString(block, 265, 32, "particle")
  writeString(block, 297, 32, "particle")
  writeString(block, 345, 155, prefix)
  // the checksum: six octal digits, a NUL and a space
  const sum = checksum(block)
  writeString(block, 148, 6, sum.toString(8).padStart(6, "0"))
  block[154] = 0
  block[155] = 0x20
  return block
}

/** A tar archive of the entries, in order, ending with the two zero blocks. */
export const writeTar = (entries: ReadonlyArray<TarEntry>): Uint8Array => {
  const chunks: Array<Uint8Array> = []
  let size = 0
  for (const entry of entries) {
    const h = header(entry)
    chunks.push(h)
    size += BLOCK
    if (entry.type !== "directory" && entry.data.length > 0) {
      const padded = Math.ceil(entry.data.length / BLOCK) * BLOCK
      const body = new Uint8Array(padded)
      body.set(entry.data)
      chunks.push(body)
      size += padded
    }
  }
  chunks.push(new Uint8Array(2 * BLOCK))
  size += 2 * BLOCK
  const out = new Uint8Array(size)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.length
  }
  return out
}

const readString = (block: Uint8Array, offset: number, length: number): string => {
  let end = offset
  while (end < offset + length && block[end] !== 0) end++
  return dec.decode(block.subarray(offset, end))
}

/** An octal field (or GNU's base-256 form, high bit set); undefined when it is neither. */
const readNumber = (block: Uint8Array, offset: number, length: number): number | undefined => {
  if ((block[offset]! & 0x80) !== 0) {
    let value = block[offset]! & 0x7f
    for (let i = offset + 1; i < offset + length; i++) value = value * 256 + block[i]!
    return Number.isSafeInteger(value) ? value : undefined
  }
  const text = readString(block, offset, length).trim()
  if (text === "") return 0
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : undefined
}

const isZeroBlock = (block: Uint8Array): boolean => block.every((b) => b === 0)

/** `path=` of a pax extended header (records `"<len> <key>=<value>\n"`). */
const paxPath = (data: Uint8Array): string | undefined => {
  const text = dec.decode(data)
  let i = 0
  let path: string | undefined
  while (i < text.length) {
    const space = text.indexOf(" ", i)
    if (space === -1) break
    const length = Number.parseInt(text.slice(i, space), 10)
    if (!Number.isFinite(length) || length <= 0) break
    const record = text.slice(space + 1, i + length - 1)
    const eq = record.indexOf("=")
    if (eq !== -1 && record.slice(0, eq) === "path") path = record.slice(eq + 1)
    i += length
  }
  return path
}

/** Paths are relative and never climb out of the archive. */
const normalize = (path: string): string | undefined => {
  const parts = path.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".")
  if (path.startsWith("/") || parts.some((p) => p === "..")) return undefined
  return parts.join("/")
}

/** The entries of a tar archive, or why it is not one. */
export const readTar = (tar: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Array<ReadEntry> | string => {
  const entries: Array<ReadEntry> = []
  let offset = 0
  let longName: string | undefined
  let total = 0
  while (offset + BLOCK <= tar.length) {
    const block = tar.subarray(offset, offset + BLOCK)
    if (isZeroBlock(block)) return entries
    const stored = readNumber(block, 148, 8)
    if (stored === undefined || stored !== checksum(block)) return `bad tar header checksum at byte ${offset}`
    const size = readNumber(block, 124, 12)
    if (size === undefined) return `bad tar size field at byte ${offset}`
    const dataStart = offset + BLOCK
    const dataEnd = dataStart + size
    if (dataEnd > tar.length) return "the tar archive is truncated"
    total += size
    if (total > limits.maxBytes) return `the archive holds more than ${limits.maxBytes} bytes`
    const data = tar.subarray(dataStart, dataEnd)
    const type = String.fromCharCode(block[156]!)
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK
    if (type === "L") {
      longName = readString(data, 0, data.length)
      continue
    }
    if (type === "x") {
      longName = paxPath(data) ?? longName
      continue
    }
    if (type === "g") continue
    const magic = readString(block, 257, 6)
    const prefix = magic === "ustar" ? readString(block, 345, 155) : ""
    const raw = longName ?? (prefix !== "" ? `${prefix}/${readString(block, 0, 100)}` : readString(block, 0, 100))
    longName = undefined
    const path = normalize(raw)
    if (path === undefined) return `unsafe path in the archive: ${raw.slice(0, 200)}`
    if (entries.length >= limits.maxEntries) return `the archive holds more than ${limits.maxEntries} entries`
    const kind = type === "0" || type === "\0" || type === "7" ? "file" : type === "5" ? "directory" : "other"
    entries.push({ path, type: kind, data: new Uint8Array(data) })
  }
  // no end-of-archive blocks: GNU tar accepts that with a warning, and so do we when the last entry is whole
  return entries.length > 0 ? entries : "the upload is not a tar archive"
}

/** A `.tar.gz` of the entries (gzip from `node:zlib`). */
export const writeTarGz = (entries: ReadonlyArray<TarEntry>): Uint8Array => new Uint8Array(gzipSync(writeTar(entries)))

/** Whether the bytes start with the gzip magic number. */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b

/** The entries of a `.tar.gz`, or why it is not one (not gzip, corrupt, too large, not tar). */
export const readTarGz = (bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Array<ReadEntry> | string => {
  if (!isGzip(bytes)) return "the archive is not gzip-compressed (a .tar.gz is expected)"
  let tar: Uint8Array
  try {
    tar = new Uint8Array(gunzipSync(bytes, { maxOutputLength: limits.maxBytes + 64 * BLOCK }))
  } catch (e) {
    const code = (e as { code?: string }).code
    return code === "ERR_BUFFER_TOO_LARGE"
      ? `the archive holds more than ${limits.maxBytes} bytes`
      : `the archive is not valid gzip: ${e instanceof Error ? e.message : String(e)}`
  }
  return readTar(tar, limits)
}
