/** The record of every API request the simulator received (admin routes excluded). */
import type { MultipartPart } from "./multipart.js"

export interface RequestRecord {
  method: string
  path: string
  query: Record<string, string | Array<string>>
  rawQuery: string
  headers: Record<string, string>
  body: Uint8Array
  contentType: string | undefined
  json?: unknown
  form?: Record<string, string | Array<string>>
  multipart?: Array<MultipartPart>
}

export class Recorder {
  private records: Array<RequestRecord> = []

  add(r: RequestRecord): void { this.records.push(r) }
  /** Oldest first. */
  all(): ReadonlyArray<RequestRecord> { return this.records.slice() }
  clear(): void { this.records = [] }
}
