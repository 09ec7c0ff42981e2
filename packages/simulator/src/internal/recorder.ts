/**
 * The record of the API requests the simulator received (admin routes and preflights excluded): a bounded
 * ring, oldest dropped first, with every record's body (and headers, path, query) cut to a bound.
 */
import type { MultipartPart } from "./multipart.js"

export interface RequestRecord {
  /** Increases by one per recorded request (a reset starts again at 1). */
  seq: number
  method: string
  path: string
  query: Record<string, string | Array<string>>
  rawQuery: string
  headers: Record<string, string>
  /** The body, cut to the recording bound when `truncated`. */
  body: Uint8Array
  /** The size of the body as received. */
  bodySize: number
  /** Something (the body, a header, the path or query) was cut; parsed `json` / `form` / `multipart` are then left out. */
  truncated: boolean
  contentType: string | undefined
  json?: unknown
  form?: Record<string, string | Array<string>>
  multipart?: Array<MultipartPart>
}

export type RecordInput = Omit<RequestRecord, "seq" | "bodySize" | "truncated">

export const DEFAULT_MAX_RECORDED_REQUESTS = 10_000
export const DEFAULT_MAX_RECORDED_BODY_BYTES = 64 * 1024
/** Whatever the counts, the records never hold more than this (oldest dropped first). */
export const MAX_RECORDED_BYTES = 64 * 1024 * 1024
const MAX_HEADER_BYTES = 16 * 1024
const MAX_URL_PART = 8 * 1024

export interface RecorderOptions {
  maxRequests: number
  maxBodyBytes: number
}

interface Held {
  record: RequestRecord
  bytes: number
}

export class Recorder {
  private held: Array<Held> = []
  private bytes = 0
  private seq = 0
  private dropped = 0

  constructor(private readonly options: RecorderOptions) {}

  add(input: RecordInput): void {
    let truncated = false
    const cut = (s: string, max: number) => {
      if (s.length <= max) return s
      truncated = true
      return s.slice(0, max)
    }
    const headers: Record<string, string> = Object.create(null) as Record<string, string>
    let headerBytes = 0
    for (const [k, v] of Object.entries(input.headers)) {
      const room = MAX_HEADER_BYTES - headerBytes - k.length
      if (room <= 0) {
        truncated = true
        break
      }
      headers[k] = cut(v, room)
      headerBytes += k.length + headers[k]!.length
    }
    const path = cut(input.path, MAX_URL_PART)
    const rawQuery = cut(input.rawQuery, MAX_URL_PART)
    const bodyCut = input.body.length > this.options.maxBodyBytes
    if (bodyCut) truncated = true
    const record: RequestRecord = {
      seq: ++this.seq,
      method: input.method,
      path,
      query: rawQuery === input.rawQuery ? input.query : {},
      rawQuery,
      headers,
      body: bodyCut ? input.body.slice(0, this.options.maxBodyBytes) : input.body,
      bodySize: input.body.length,
      truncated,
      contentType: input.contentType
    }
    if (!bodyCut) {
      if (input.json !== undefined) record.json = input.json
      if (input.form !== undefined) record.form = input.form
      if (input.multipart !== undefined) record.multipart = input.multipart
    }
    // parsed copies are at most as big as the body they came from
    const bytes = 2 * record.body.length + headerBytes + path.length + rawQuery.length + 256
    this.held.push({ record, bytes })
    this.bytes += bytes
    while (this.held.length > this.options.maxRequests || (this.bytes > MAX_RECORDED_BYTES && this.held.length > 1)) {
      this.bytes -= this.held.shift()!.bytes
      this.dropped++
    }
  }

  /** Oldest first. */
  all(): ReadonlyArray<RequestRecord> {
    return this.held.map((h) => h.record)
  }

  /** Records `(page-1)·perPage …`, oldest first. */
  page(page: number, perPage: number): ReadonlyArray<RequestRecord> {
    return this.held.slice((page - 1) * perPage, page * perPage).map((h) => h.record)
  }

  /** Up to `limit` records newer than `seq`, oldest first. */
  since(seq: number, limit: number): ReadonlyArray<RequestRecord> {
    const out: Array<RequestRecord> = []
    for (const h of this.held) {
      if (h.record.seq > seq) out.push(h.record)
      if (out.length >= limit) break
    }
    return out
  }

  get size(): number {
    return this.held.length
  }
  /** The seq of the newest record held (0 when none). */
  get lastSeq(): number {
    return this.held.length > 0 ? this.held[this.held.length - 1]!.record.seq : 0
  }
  /** Records dropped to stay within the bounds since the last clear. */
  get droppedCount(): number {
    return this.dropped
  }

  clear(): void {
    this.held = []
    this.bytes = 0
    this.dropped = 0
  }

  /** Back to an empty recording, numbering from 1 again. */
  reset(): void {
    this.clear()
    this.seq = 0
  }
}
