// Fixture server for the request-cost benchmark, run in its own process (child_process.fork):
// GET /v1/devices/:id/:name answers a Particle-shaped variable body over keep-alive.
import http from "node:http"

const body = (deviceId, name) =>
  JSON.stringify({
    cmd: "VarReturn",
    name,
    result: 23.5,
    coreInfo: {
      last_app: "",
      last_heard: "2024-05-01T12:34:56.789Z",
      connected: true,
      last_handshake_at: "2024-05-01T09:00:00.000Z",
      deviceID: deviceId,
      product_id: 12
    }
  })

const cache = new Map()
const server = http.createServer((req, res) => {
  const m = /^\/v1\/devices\/([^/?]+)\/([^/?]+)/.exec(req.url)
  if (req.method !== "GET" || !m) {
    res.writeHead(404, { "content-type": "application/json" })
    res.end("{\"ok\":false,\"error\":\"Not found\"}")
    return
  }
  const key = m[1] + "/" + m[2]
  let b = cache.get(key)
  if (b === undefined) cache.set(key, b = Buffer.from(body(decodeURIComponent(m[1]), decodeURIComponent(m[2]))))
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": b.length,
    "cache-control": "no-cache",
    "x-request-id": "00000000-0000-4000-8000-000000000000"
  })
  res.end(b)
})
server.keepAliveTimeout = 60_000
server.headersTimeout = 65_000
server.listen(0, "127.0.0.1", () => process.send({ type: "ready", port: server.address().port }))
process.on("disconnect", () => process.exit(0))
process.on("SIGTERM", () => process.exit(0))
