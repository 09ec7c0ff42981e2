/** Reading a request body within a size bound, and parsing it by its Content-Type. */
import type { IncomingMessage } from "node:http"
import { type MultipartPart, parseMultipart } from "./multipart.js"
import { type Params, parseUrlEncoded } from "./urlencoded.js"

export type RawBody = Buffer | "too-large" | "aborted"

/** Reads the whole body, or stops at `limit` bytes ("too-large", the rest is drained) or a broken upload ("aborted"). */
export const readBody = (req: IncomingMessage, limit: number): Promise<RawBody> => {
  const declared = Number(req.headers["content-length"] ?? "0")
  if (Number.isFinite(declared) && declared > limit) {
    req.resume()
    return Promise.resolve("too-large")
  }
  return new Promise((resolve) => {
    const chunks: Array<Buffer> = []
    let size = 0
    let done = false
    const finish = (r: RawBody) => {
      if (done) return
      done = true
      resolve(r)
    }
    req.on("data", (c: Buffer) => {
      if (done) return
      size += c.length
      if (size > limit) finish("too-large")
      else chunks.push(c)
    })
    req.on("end", () => finish(Buffer.concat(chunks)))
    req.on("error", () => finish("aborted"))
    req.on("aborted", () => finish("aborted"))
  })
}

export type BodyKind = "none" | "json" | "form" | "multipart" | "other"

export interface ParsedBody {
  kind: BodyKind
  /** Why the body could not be parsed (a 400 unless the route reads the raw body). */
  error: string | undefined
  /** JSON object fields or form / multipart fields (repeated form keys kept as arrays). */
  fields: Record<string, unknown>
  json: unknown
  parts: Array<MultipartPart> | undefined
}

const emptyFields = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>

export const parseBody = (raw: Buffer, contentType: string | undefined): ParsedBody => {
  const out: ParsedBody = { kind: "none", error: undefined, fields: emptyFields(), json: undefined, parts: undefined }
  const mime = (contentType ?? "").toLowerCase().split(";")[0]!.trim()
  if (raw.length === 0) {
    if (mime === "multipart/form-data") {
      out.kind = "multipart"
      out.parts = []
    }
    return out
  }
  if (mime === "application/json" || mime.endsWith("+json")) {
    out.kind = "json"
    try {
      out.json = JSON.parse(raw.toString("utf8"))
      if (out.json !== null && typeof out.json === "object" && !Array.isArray(out.json)) {
        out.fields = out.json as Record<string, unknown>
      }
    } catch (e) {
      out.error = `Malformed JSON body: ${e instanceof Error ? e.message : "parse error"}`
    }
    return out
  }
  if (mime === "application/x-www-form-urlencoded") {
    out.kind = "form"
    const f = parseUrlEncoded(raw.toString("utf8"))
    if (f === undefined) out.error = "Malformed form body: invalid percent-encoding"
    else out.fields = f
    return out
  }
  if (mime === "multipart/form-data") {
    out.kind = "multipart"
    const b = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "")
    const boundary = b ? (b[1] ?? b[2]!).trim() : undefined
    const parts = boundary ? parseMultipart(raw, boundary) : undefined
    if (!parts) {
      out.error = "Malformed multipart body"
      return out
    }
    out.parts = parts
    const fields = emptyFields() as Params
    for (const part of parts) {
      if (part.filename !== undefined) continue
      const v = Buffer.from(part.data).toString("utf8")
      const key = part.name.replace(/\[\d*\]$/, "")
      const prev = fields[key]
      if (prev === undefined) fields[key] = part.name.endsWith("]") ? [v] : v
      else if (Array.isArray(prev)) prev.push(v)
      else fields[key] = [prev, v]
    }
    out.fields = fields
    return out
  }
  out.kind = "other"
  return out
}
