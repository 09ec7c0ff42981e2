import * as http from "node:http"
import { Simulator } from "../src/index.js"

export type Sim = Awaited<ReturnType<typeof Simulator.start>>

export interface Res {
  status: number
  headers: Headers
  text: string
  json: any
}

export const call = async (
  sim: Sim,
  method: string,
  path: string,
  o: {
    token?: string | null
    json?: unknown
    form?: Record<string, string>
    body?: BodyInit
    headers?: Record<string, string>
  } = {}
): Promise<Res> => {
  const headers: Record<string, string> = { ...o.headers }
  const token = o.token === undefined ? sim.accessToken : o.token
  if (token !== null) headers["authorization"] = `Bearer ${token}`
  let body: BodyInit | undefined = o.body
  if (o.json !== undefined) {
    headers["content-type"] = "application/json"
    body = JSON.stringify(o.json)
  } else if (o.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded"
    body = new URLSearchParams(o.form).toString()
  }
  const r = await fetch(sim.url + path, { method, headers, ...(body !== undefined ? { body } : {}) })
  const text = await r.text()
  let json: unknown
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: r.status, headers: r.headers, text, json }
}

/** A raw SSE reader: collects every byte as text. */
export interface RawStream {
  status: number
  headers: http.IncomingHttpHeaders
  text(): string
  chunks: Array<string>
  /** How many times `marker` occurs in the text so far, counted over the new chunks only (linear in the stream). */
  count(marker: string): number
  waitFor(pred: (text: string) => boolean, timeoutMs?: number): Promise<string>
  ended: Promise<void>
  close(): void
}

export const openStream = (sim: Sim, path: string, token: string | null = sim.accessToken): Promise<RawStream> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = {}
    if (token !== null) headers["authorization"] = `Bearer ${token}`
    const req = http.get(sim.url + path, { headers, agent: false }, (res) => {
      let buf = ""
      const chunks: Array<string> = []
      const waiters: Array<() => void> = []
      // per marker: chunks read, the tail a marker could start in, occurrences; scanning the whole text on
      // each read instead flattens the growing string every time, quadratic in a long stream
      const counts = new Map<string, { read: number; carry: string; seen: number }>()
      const count = (marker: string) => {
        let c = counts.get(marker)
        if (c === undefined) counts.set(marker, c = { read: 0, carry: "", seen: 0 })
        for (; c.read < chunks.length; c.read++) {
          const t = c.carry + chunks[c.read]!
          for (let i = t.indexOf(marker); i !== -1; i = t.indexOf(marker, i + marker.length)) c.seen++
          c.carry = t.slice(Math.max(0, t.length - marker.length + 1))
        }
        return c.seen
      }
      let endResolve!: () => void
      const ended = new Promise<void>((r) => (endResolve = r))
      res.setEncoding("utf8")
      res.on("data", (c: string) => {
        buf += c
        chunks.push(c)
        for (const w of [...waiters]) w()
      })
      res.on("end", () => endResolve())
      res.on("close", () => endResolve())
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => buf,
        chunks,
        count,
        ended,
        close: () => req.destroy(),
        // the timeouts detect a hang (a condition that never holds), not slowness: they are generous
        waitFor: (pred, timeoutMs = 20_000) =>
          new Promise<string>((ok, fail) => {
            if (pred(buf)) return ok(buf)
            const t = setTimeout(() =>
              fail(
                new Error(`timeout waiting; got ${buf.length} characters, ending ${JSON.stringify(buf.slice(-2000))}`)
              ), timeoutMs)
            const w = () => {
              if (pred(buf)) {
                clearTimeout(t)
                waiters.splice(waiters.indexOf(w), 1)
                ok(buf)
              }
            }
            waiters.push(w)
          })
      })
    })
    req.on("error", reject)
  })

export const until = async (pred: () => boolean, timeoutMs = 20_000): Promise<void> => {
  const start = Date.now()
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time")
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const multipart = (
  parts: Array<{ name: string; filename?: string; data: string | Uint8Array; contentType?: string }>
) => {
  const fd = new FormData()
  for (const p of parts) {
    if (p.filename !== undefined) {
      fd.append(
        p.name,
        new Blob([typeof p.data === "string" ? p.data : new Uint8Array(p.data)], {
          type: p.contentType ?? "application/octet-stream"
        }),
        p.filename
      )
    } else fd.append(p.name, typeof p.data === "string" ? p.data : Buffer.from(p.data).toString())
  }
  return fd
}
