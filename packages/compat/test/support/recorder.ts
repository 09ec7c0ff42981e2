/**
 * A recording HTTP server on 127.0.0.1 for the differential test: it keeps every request as it came
 * (method, raw path and query, headers, body bytes) and answers `200 {"ok":true}` (`204` to HEAD, an open
 * event stream to `GET …/events…`), so that both clients resolve and their requests can be compared.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"

export interface Recorded {
  readonly method: string
  readonly path: string
  readonly rawQuery: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
}

export interface Recorder {
  readonly url: string
  /** The requests received since the last `take`, oldest first; clears them. */
  take(): Array<Recorded>
  /** Resolves once `n` requests were received since the last `take`. */
  waitFor(n: number): Promise<void>
  close(): Promise<void>
}

const isEventStream = (method: string, path: string) =>
  method === "GET" && (/\/events$/.test(path) || /\/events\//.test(path))

export const startRecorder = async (): Promise<Recorder> => {
  let received: Array<Recorded> = []
  let waiters: Array<() => void> = []
  const streams = new Set<http.ServerResponse>()
  const server = http.createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const url = req.url ?? "/"
      const q = url.indexOf("?")
      const path = q === -1 ? url : url.slice(0, q)
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v
      }
      received.push({
        method: req.method ?? "",
        path,
        rawQuery: q === -1 ? "" : url.slice(q + 1),
        headers,
        body: Buffer.concat(chunks)
      })
      for (const w of waiters) w()
      const method = req.method ?? ""
      if (isEventStream(method, path)) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" })
        res.write(":ok\n\n")
        streams.add(res)
        res.on("close", () => streams.delete(res))
        return
      }
      if (method === "HEAD") {
        res.writeHead(204)
        res.end()
        return
      }
      const body = JSON.stringify({ ok: true })
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    take: () => {
      const out = received
      received = []
      return out
    },
    waitFor: (n) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (received.length >= n) {
            waiters = waiters.filter((w) => w !== check)
            resolve()
          }
        }
        waiters.push(check)
        check()
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
