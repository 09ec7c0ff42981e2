/**
 * Faults on demand. One place decides, in one pass over the active faults, what they do to a request:
 * how long it waits, whether it is answered by the fault (429 / status), or whether its JSON body is cut.
 */
import { STATUS_CODES } from "node:http"
import { rateLimited, type Reply } from "./reply.js"
import type { StreamFaults } from "./sse.js"

export type Fault =
  | { kind: "latency"; ms: number; route?: string; method?: string }
  | {
    kind: "status"
    route: string
    method?: string
    status: number
    body?: unknown
    rawBody?: string
    contentType?: string
    probability?: number
    times?: number
    headers?: Record<string, string>
  }
  | { kind: "rateLimit"; route?: string; method?: string; times: number; retryAfterSeconds?: number }
  | { kind: "malformedJson"; route: string; method?: string; times?: number }
  | { kind: "sseDrop"; afterEvents: number; connections?: number }
  | { kind: "sseSilent" }
  | { kind: "ssePreload"; events: Array<{ name: string; data: string }> }

/** What the faults do to one request. */
export interface FaultDecision {
  delayMs: number
  /** Answer this instead of routing. */
  reply: Reply | undefined
  /** Route normally, then cut the JSON body in half. */
  truncate: boolean
}

interface Active {
  fault: Fault
  remaining: number
}

/** `route` is an exact path or a prefix of it; `method` (any case) must match when given. */
const applies = (f: { route?: string; method?: string }, method: string, path: string): boolean => {
  if (f.method !== undefined && f.method.toUpperCase() !== method) return false
  return f.route === undefined || path.startsWith(f.route)
}

const initialCount = (f: Fault): number =>
  f.kind === "rateLimit" ?
    f.times
    : f.kind === "status" || f.kind === "malformedJson" ?
    (f.times ?? Infinity)
    : f.kind === "sseDrop" ?
    (f.connections ?? 1)
    : f.kind === "ssePreload" ?
    1
    : Infinity

const statusReply = (f: Extract<Fault, { kind: "status" }>): Reply => {
  const r: Reply = { status: f.status, headers: { ...f.headers } }
  if (f.rawBody !== undefined) {
    r.raw = f.rawBody
    r.contentType = f.contentType ?? "text/html; charset=utf-8"
  } else if (f.body !== undefined) {
    r.json = f.body
    if (f.contentType !== undefined) r.contentType = f.contentType
  } else if (f.status !== 204 && f.status !== 304) r.json = { error: STATUS_CODES[f.status] ?? "Error" }
  return r
}

export class Faults {
  private active: Array<Active> = []
  private silentStreams = false

  /** Every stream (open or new) writes nothing, keep-alives included. */
  get silent(): boolean {
    return this.silentStreams
  }

  add(f: Fault): void {
    if (f.kind === "sseSilent") this.silentStreams = true
    else this.active.push({ fault: f, remaining: initialCount(f) })
  }

  clear(): void {
    this.active = []
    this.silentStreams = false
  }

  /** The faults' verdict on one API request; counts down the faults it uses. */
  decide(method: string, path: string): FaultDecision {
    let delayMs = 0
    let answer: { a: Active; reply: Reply } | undefined
    let cut: Active | undefined
    for (const a of this.active) {
      const f = a.fault
      if (f.kind === "latency") {
        if (applies(f, method, path)) delayMs += f.ms
        continue
      }
      if (a.remaining <= 0) continue
      if (answer === undefined && f.kind === "rateLimit" && applies(f, method, path)) {
        answer = {
          a,
          reply: rateLimited(f.retryAfterSeconds !== undefined ? { "Retry-After": String(f.retryAfterSeconds) } : {})
        }
      } else if (answer === undefined && f.kind === "status" && applies(f, method, path)) {
        if (f.probability === undefined || Math.random() < f.probability) answer = { a, reply: statusReply(f) }
      } else if (cut === undefined && f.kind === "malformedJson" && applies(f, method, path)) cut = a
    }
    if (answer) {
      answer.a.remaining--
      return { delayMs, reply: answer.reply, truncate: false }
    }
    if (cut) cut.remaining--
    return { delayMs, reply: undefined, truncate: cut !== undefined }
  }

  /** The stream faults a new SSE connection gets (each used one counts down). */
  forStream(): StreamFaults {
    const out: StreamFaults = { dropAfter: undefined, preload: undefined }
    for (const a of this.active) {
      if (a.remaining <= 0) continue
      if (a.fault.kind === "sseDrop" && out.dropAfter === undefined) {
        a.remaining--
        out.dropAfter = a.fault.afterEvents
      } else if (a.fault.kind === "ssePreload" && out.preload === undefined) {
        a.remaining--
        out.preload = a.fault.events
      }
    }
    return out
  }
}
