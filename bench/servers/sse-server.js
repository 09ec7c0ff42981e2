// Server-sent-events fixture for the event-throughput benchmark, run in its own process.
// GET …/events/bench-<lf|crlf>-<count>  → `count` Particle-format events, then the response ends.
// The body is cut into random 1–16 KiB writes (same seeded cuts for every client), so lines, CRLF pairs
// and multi-byte UTF-8 characters get split across chunks. The headers, `:ok` and the first chunk of
// events go out in ONE socket write (as a busy Particle stream does), which exposes clients that emit
// before their caller can listen.
import { once } from "node:events"
import http from "node:http"
import { prng } from "../lib/common.js"

const DEVICE = "0123456789abcdef01234567"
const cache = new Map()

/** ~120-byte UTF-8 payload with a sequence number and some multi-byte characters. */
const payload = (i) => {
  const head = `${String(i).padStart(7, "0")}|t=23.5°C h=45% état=ok ünïcødé→✓ `
  const fill = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(4)
  let s = head + fill
  while (Buffer.byteLength(s) > 120) s = s.slice(0, -1)
  return s
}

const build = (key) => {
  const m = /^bench-(lf|crlf)-(\d+)$/.exec(key)
  if (!m) return undefined
  const nl = m[1] === "crlf" ? "\r\n" : "\n"
  const count = Number(m[2])
  const parts = []
  for (let i = 0; i < count; i++) {
    const data = JSON.stringify({ data: payload(i), ttl: 60, published_at: "2024-05-01T12:34:56.789Z", coreid: DEVICE })
    parts.push(`event: ${key}/temp${nl}data: ${data}${nl}${nl}`)
    // a keep-alive comment now and then, as Particle sends them
    if (i % 5000 === 4999) parts.push(`:keep-alive${nl}`)
  }
  const body = Buffer.from(parts.join(""))
  const rnd = prng(count * 7 + nl.length)
  const chunks = []
  for (let off = 0; off < body.length;) {
    const size = 1024 + Math.floor(rnd() * 15 * 1024)
    chunks.push(body.subarray(off, off + size))
    off += size
  }
  return { count, bytes: body.length, chunks, payloadBytes: Buffer.byteLength(payload(1)) }
}

const get = (key) => {
  let b = cache.get(key)
  if (b === undefined) {
    b = build(key)
    if (b) cache.set(key, b)
  }
  return b
}

const server = http.createServer(async (req, res) => {
  const key = decodeURIComponent(req.url.split("?")[0].split("/").pop())
  const b = get(key)
  if (req.method !== "GET" || !b) {
    res.writeHead(404, { "content-type": "application/json" })
    res.end("{\"ok\":false,\"error\":\"Not found\"}")
    return
  }
  const socket = res.socket
  socket.setNoDelay(true)
  socket.cork()
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" })
  res.write(":ok\n\n")
  res.write(b.chunks[0])
  process.nextTick(() => socket.uncork())
  let closed = false
  res.on("close", () => (closed = true))
  for (let i = 1; i < b.chunks.length && !closed; i++) {
    if (!res.write(b.chunks[i])) await once(res, "drain").catch(() => {})
  }
  if (!closed) res.end()
})
server.keepAliveTimeout = 60_000
process.on("message", (m) => {
  // pre-build payloads so that the first client does not wait for them
  if (m && m.type === "prepare") {
    for (const key of m.keys) get(key)
    process.send({
      type: "prepared",
      info: Object.fromEntries(
        m.keys.map((
          k
        ) => [k, {
          count: cache.get(k).count,
          bytes: cache.get(k).bytes,
          chunks: cache.get(k).chunks.length,
          payloadBytes: cache.get(k).payloadBytes
        }])
      )
    })
  }
})
server.listen(0, "127.0.0.1", () => process.send({ type: "ready", port: server.address().port }))
process.on("disconnect", () => process.exit(0))
process.on("SIGTERM", () => process.exit(0))
