import { randomBytes } from "node:crypto"

/** 40 lowercase hex characters, the format of Particle access and refresh tokens. */
export const randomToken = (): string => randomBytes(20).toString("hex")

let objectIdCounter = Math.floor(Math.random() * 0xffffff)
const objectIdProcess = randomBytes(5).toString("hex")

/** A 24-hex Mongo-style ObjectId (used for user ids, binary ids, firmware ids). */
export const objectId = (): string => {
  objectIdCounter = (objectIdCounter + 1) & 0xffffff
  const time = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0")
  return time + objectIdProcess + objectIdCounter.toString(16).padStart(6, "0")
}

let deviceCounter = 0
const devicePrefix = randomBytes(4).toString("hex")
/** A fresh 24-hex device id; cheap (no crypto call per device). */
export const deviceId = (): string => {
  deviceCounter++
  return devicePrefix + deviceCounter.toString(16).padStart(16, "0")
}

export const isDeviceId = (s: string): boolean => /^[0-9a-f]{24}$/i.test(s)

export const nowIso = (): string => new Date().toISOString()

export const uuid = (): string => {
  const b = randomBytes(16)
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = b.toString("hex")
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export type Params = Record<string, string | string[]>

const safeDecode = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "))
  } catch {
    return undefined
  }
}

/**
 * Parses an application/x-www-form-urlencoded string (also used for query strings).
 * Repeated keys and `key[]` / `key[0]` forms become arrays under the bare key.
 * Returns undefined when a component has invalid percent-encoding.
 */
export const parseUrlEncoded = (raw: string): Params | undefined => {
  const out: Params = Object.create(null) as Params
  if (raw.length === 0) return out
  for (const pair of raw.split("&")) {
    if (pair.length === 0) continue
    const eq = pair.indexOf("=")
    const k = safeDecode(eq === -1 ? pair : pair.slice(0, eq))
    const v = safeDecode(eq === -1 ? "" : pair.slice(eq + 1))
    if (k === undefined || v === undefined) return undefined
    const m = /^(.+?)\[(\d*)\]$/.exec(k)
    const key = m ? m[1]! : k
    const forceArray = m !== null
    const prev = out[key]
    if (prev === undefined) out[key] = forceArray ? [v] : v
    else if (Array.isArray(prev)) prev.push(v)
    else out[key] = [prev, v]
  }
  return out
}

export interface MultipartPart {
  name: string
  filename?: string
  contentType?: string
  data: Uint8Array
}

/** Parses a multipart/form-data body. Returns undefined when malformed. */
export const parseMultipart = (body: Buffer, boundary: string): Array<MultipartPart> | undefined => {
  const delim = Buffer.from(`--${boundary}`)
  const parts: Array<MultipartPart> = []
  let pos = body.indexOf(delim)
  if (pos === -1) return undefined
  for (;;) {
    pos += delim.length
    // closing delimiter
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts
    // skip transport padding + CRLF
    const lineEnd = body.indexOf("\r\n", pos)
    if (lineEnd === -1) return undefined
    const headerEnd = body.indexOf("\r\n\r\n", lineEnd)
    if (headerEnd === -1) return undefined
    const headerText = body.subarray(lineEnd + 2, headerEnd).toString("utf8")
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delim]), headerEnd + 4)
    if (next === -1) return undefined
    const data = new Uint8Array(body.subarray(headerEnd + 4, next))
    let name: string | undefined
    let filename: string | undefined
    let contentType: string | undefined
    for (const line of headerText.split("\r\n")) {
      const idx = line.indexOf(":")
      if (idx === -1) continue
      const h = line.slice(0, idx).trim().toLowerCase()
      const v = line.slice(idx + 1).trim()
      if (h === "content-disposition") {
        const nm = /\bname="([^"]*)"/i.exec(v) ?? /\bname=([^;]+)/i.exec(v)
        const fn = /\bfilename="([^"]*)"/i.exec(v) ?? /\bfilename=([^;]+)/i.exec(v)
        if (nm) name = nm[1]!
        if (fn) filename = fn[1]!
      } else if (h === "content-type") contentType = v
    }
    if (name === undefined) return undefined
    const part: MultipartPart = { name, data }
    if (filename !== undefined) part.filename = filename
    if (contentType !== undefined) part.contentType = contentType
    parts.push(part)
    pos = next + 2
  }
}

export const first = (v: unknown): string | undefined => {
  if (Array.isArray(v)) return v.length > 0 ? String(v[0]) : undefined
  if (v === undefined || v === null) return undefined
  if (typeof v === "object") return undefined
  return String(v)
}

export const asBool = (v: unknown): boolean | undefined => {
  const s = first(v)
  if (s === undefined) return undefined
  if (s === "true" || s === "1") return true
  if (s === "false" || s === "0" || s === "") return false
  return undefined
}

export const asInt = (v: unknown): number | undefined => {
  const s = first(v)
  if (s === undefined || s === "") return undefined
  const n = Number(s)
  return Number.isFinite(n) ? Math.trunc(n) : undefined
}

export const asStringList = (v: unknown): Array<string> | undefined => {
  if (v === undefined || v === null) return undefined
  if (Array.isArray(v)) return v.flatMap((x) => String(x).split(",")).map((s) => s.trim()).filter((s) => s.length > 0)
  if (typeof v === "object") return Object.values(v as object).map(String)
  return String(v).split(",").map((s) => s.trim()).filter((s) => s.length > 0)
}

export const slugify = (s: string): string =>
  s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "client"
