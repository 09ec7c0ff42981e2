/** Particle's per-IP limits (opt-in): requests per window, and stream opens per window. */
import { NO_STORE, rateLimited, type Reply } from "./reply.js"

export interface RateLimitOptions {
  requests: number
  windowMs: number
  streamOpens: number
}

/** The event-stream URLs whose opens count against the stream budget. */
export const isStreamPath = (segs: ReadonlyArray<string>): boolean => {
  if (segs[0] !== "v1") return false
  return segs.includes("events") &&
    (segs[1] === "events" || segs[1] === "devices" || segs[1] === "products" || segs[1] === "orgs")
}

export class RateLimiter {
  private windowStart = Date.now()
  private requests = 0
  private streamOpens = 0

  constructor(private readonly options: RateLimitOptions | false) {}

  /** Counts one request; answers 429 once a budget is spent. */
  check(method: string, segs: ReadonlyArray<string>): Reply | undefined {
    const o = this.options
    if (o === false) return undefined
    const now = Date.now()
    if (now - this.windowStart >= o.windowMs) {
      this.windowStart = now
      this.requests = 0
      this.streamOpens = 0
    }
    const retry = String(Math.max(1, Math.ceil((this.windowStart + o.windowMs - now) / 1000)))
    const reply = rateLimited({ "Retry-After": retry, ...NO_STORE })
    this.requests++
    if (this.requests > o.requests) return reply
    if (method === "GET" && isStreamPath(segs)) {
      this.streamOpens++
      if (this.streamOpens > o.streamOpens) return reply
    }
    return undefined
  }
}
