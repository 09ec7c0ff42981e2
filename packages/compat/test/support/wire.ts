/**
 * What the differential test compares of a request, and how: method, raw path, raw query, the headers
 * that matter, and the body by its encoding (JSON parsed, urlencoded pairs, multipart parts by name,
 * filename and content).
 */
import { isDeepStrictEqual } from "node:util"
import type { Recorded } from "./recorder.js"

/** Headers compared on every request (beside those the case passes in `headers`, and `accept`). */
export const COMPARED_HEADERS = ["authorization", "content-type", "x-particle-tool", "x-particle-project"] as const

export interface Part {
  readonly name: string
  readonly filename: string | undefined
  readonly content: string
}

export type Body =
  | { readonly encoding: "none" }
  | { readonly encoding: "json"; readonly value: unknown }
  | { readonly encoding: "form"; readonly value: ReadonlyArray<string> }
  | { readonly encoding: "multipart"; readonly value: ReadonlyArray<Part> }
  | { readonly encoding: "raw"; readonly value: string }

export interface Shape {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: Body
}

export interface Difference {
  readonly field: string
  readonly theirs: unknown
  readonly ours: unknown
}

const boundaryOf = (contentType: string) => /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)

/** The parts of a multipart body, in order. */
export const parseMultipart = (body: Buffer, contentType: string): Array<Part> => {
  const m = boundaryOf(contentType)
  if (m === null) throw new Error(`no boundary in ${contentType}`)
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`)
  const parts: Array<Part> = []
  let at = body.indexOf(delimiter)
  while (at !== -1) {
    const start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === "--") break
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    const raw = body.subarray(start + 2, next - 2) // CRLF after the delimiter, CRLF before the next one
    const split = raw.indexOf("\r\n\r\n")
    const head = raw.subarray(0, split).toString("utf8")
    const content = raw.subarray(split + 4)
    const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? ""
    parts.push({
      name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? "",
      filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
      content: content.toString("utf8")
    })
    at = next
  }
  return parts
}

const MANUAL_ORDER = /^manual_\d+$/

/** `sendPublicKey`'s `order` is `manual_<Date.now()>`: the time of the call, normalised. */
const normaliseJson = (value: unknown): unknown => {
  if (typeof value === "string") return MANUAL_ORDER.test(value) ? "manual_<now>" : value
  if (Array.isArray(value)) return value.map(normaliseJson)
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseJson(v)]))
  }
  return value
}

const bodyOf = (r: Recorded): Body => {
  if (r.body.length === 0) return { encoding: "none" }
  const type = (r.headers["content-type"] ?? "").toLowerCase()
  if (type.startsWith("application/json") || type.endsWith("+json")) {
    return { encoding: "json", value: normaliseJson(JSON.parse(r.body.toString("utf8"))) }
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { encoding: "form", value: r.body.toString("utf8").split("&").sort() }
  }
  if (type.startsWith("multipart/form-data")) return { encoding: "multipart", value: parseMultipart(r.body, type) }
  return { encoding: "raw", value: r.body.toString("base64") }
}

// node-fetch sends "Accept: */*", we send application/json, and none: each client's default, the same
const acceptOf = (value: string | undefined) =>
  value === undefined || value === "*/*" || value === "application/json" ? "(default)" : value

/** The comparable shape of a request; `extra` are the header names the case passed in `headers`. */
export const shapeOf = (r: Recorded, extra: ReadonlyArray<string>): Shape => {
  const headers: Record<string, string | undefined> = {}
  for (const name of [...COMPARED_HEADERS, ...extra.map((h) => h.toLowerCase())]) {
    const value = r.headers[name]
    headers[name] = name === "content-type" && value !== undefined ? value.replace(/;\s*boundary=.*$/i, "") : value
  }
  headers.accept = acceptOf(r.headers["accept"])
  return {
    method: r.method,
    path: r.path,
    query: r.rawQuery.replace(/(^|&)nonce=[0-9.]+/, "$1nonce=<nonce>"),
    headers,
    body: bodyOf(r)
  }
}

/** Every field where two requests differ. */
export const differences = (theirs: Shape, ours: Shape): Array<Difference> => {
  const out: Array<Difference> = []
  for (const field of ["method", "path", "query"] as const) {
    if (theirs[field] !== ours[field]) out.push({ field, theirs: theirs[field], ours: ours[field] })
  }
  for (const name of new Set([...Object.keys(theirs.headers), ...Object.keys(ours.headers)])) {
    if (theirs.headers[name] !== ours.headers[name]) {
      out.push({ field: `header ${name}`, theirs: theirs.headers[name], ours: ours.headers[name] })
    }
  }
  if (!isDeepStrictEqual(theirs.body, ours.body)) out.push({ field: "body", theirs: theirs.body, ours: ours.body })
  return out
}
