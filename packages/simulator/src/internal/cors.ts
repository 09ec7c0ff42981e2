/**
 * CORS as a browser-facing API answers it: preflights (OPTIONS) get 204 with the allowed methods and headers;
 * every other response carries Allow-Origin and Expose-Headers. A disallowed origin gets no CORS headers.
 */
import type { Reply } from "./reply.js"

export type CorsOptions = false | { readonly origins: "*" | ReadonlyArray<string> }

/** Request headers a browser client may send (plus whatever else it asks for from this list). */
export const ALLOWED_HEADERS = [
  "Authorization",
  "Content-Type",
  "Accept",
  "User-Agent",
  "X-Particle-Tool",
  "X-Particle-Project",
  "Cache-Control",
  "Last-Event-ID",
  "X-Requested-With",
  "Accept-Language",
  "Content-Language"
]
/** Response headers a browser client may read. */
export const EXPOSED_HEADERS = [
  "Retry-After",
  "Content-Disposition",
  "Content-Type",
  "Content-Length",
  "Cache-Control",
  "Pragma",
  "WWW-Authenticate"
]
export const MAX_AGE_SECONDS = 86_400

const allowedLower = new Map(ALLOWED_HEADERS.map((h) => [h.toLowerCase(), h]))

export class Cors {
  constructor(private readonly options: CorsOptions) {}

  /** The value of Access-Control-Allow-Origin for this Origin, or undefined when it is not allowed. */
  private allowOrigin(origin: string | undefined): string | undefined {
    const o = this.options
    if (o === false) return undefined
    if (o.origins === "*") return origin ?? "*"
    return origin !== undefined && o.origins.includes(origin) ? origin : undefined
  }

  /** Headers for every response to a request from `origin` (empty when the origin is not allowed). */
  headers(origin: string | undefined): Record<string, string> {
    const allow = this.allowOrigin(origin)
    if (allow === undefined) return {}
    const h: Record<string, string> = {
      "Access-Control-Allow-Origin": allow,
      "Access-Control-Expose-Headers": EXPOSED_HEADERS.join(", ")
    }
    if (allow !== "*") h["Vary"] = "Origin"
    return h
  }

  /** The answer to a preflight for a path that answers `methods`. */
  preflight(origin: string | undefined, requestedHeaders: string | undefined, methods: ReadonlySet<string>): Reply {
    if (this.allowOrigin(origin) === undefined) return { status: 204 }
    const asked = (requestedHeaders ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0)
    const allow = new Set(["Authorization", "Content-Type", "Accept", "User-Agent"])
    for (const a of asked) {
      const known = allowedLower.get(a)
      if (known !== undefined) allow.add(known)
    }
    return {
      status: 204,
      headers: {
        "Access-Control-Allow-Methods": [...new Set([...methods, "OPTIONS"])].join(", "),
        "Access-Control-Allow-Headers": [...allow].join(", "),
        "Access-Control-Max-Age": String(MAX_AGE_SECONDS)
      }
    }
  }
}
