import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly path: string
  readonly query: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: Buffer
}

export type Handler = (request: Recorded, response: http.ServerResponse) => void

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers with the handler the test sets.
 */
export interface Service {
  readonly url: string
  readonly host: string
  readonly requests: Array<Recorded>
  /** TCP connections accepted so far, and open now */
  readonly sockets: { opened: number; open: number; maxOpen: number }
  readonly handle: (handler: Handler) => Effect.Effect<void>
  readonly reset: Effect.Effect<void>
}

export class TestServer extends Context.Tag("test/TestServer")<TestServer, Service>() {}

export const json = (
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
) => {
  const text = JSON.stringify(body)
  response.writeHead(status, { "content-type": "application/json", ...headers })
  response.end(text)
}

export const start = (host = "127.0.0.1") =>
  Effect.acquireRelease(
    Effect.async<{ server: http.Server; service: Service }>((resume) => {
      const requests: Array<Recorded> = []
      const sockets = { opened: 0, open: 0, maxOpen: 0 }
      const defaultHandler: Handler = (_, res) => json(res, 200, { ok: true })
      let handler: Handler = defaultHandler
      const server = http.createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (c: Buffer) => chunks.push(c))
        req.on("end", () => {
          const url = req.url ?? "/"
          const q = url.indexOf("?")
          const recorded: Recorded = {
            method: req.method ?? "GET",
            url,
            path: q === -1 ? url : url.slice(0, q),
            query: q === -1 ? "" : url.slice(q + 1),
            headers: req.headers,
            body: Buffer.concat(chunks)
          }
          requests.push(recorded)
          handler(recorded, res)
        })
      })
      server.on("connection", (socket) => {
        sockets.opened++
        sockets.open++
        sockets.maxOpen = Math.max(sockets.maxOpen, sockets.open)
        socket.once("close", () => sockets.open--)
      })
      server.listen(0, host, () => {
        const port = (server.address() as AddressInfo).port
        resume(Effect.succeed({
          server,
          service: {
            url: `http://${host}:${port}`,
            host,
            requests,
            sockets,
            handle: (h) =>
              Effect.sync(() => {
                handler = h
              }),
            reset: Effect.sync(() => {
              requests.length = 0
              handler = defaultHandler
              sockets.opened = sockets.open
              sockets.maxOpen = sockets.open
            })
          }
        }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ service }) => service))

export const layer = Layer.scoped(TestServer, start())
