/** The HTTP server on 127.0.0.1: listening, closing every socket (SSE included), and unparsable requests. */
import * as http from "node:http"
import type { AddressInfo, Socket } from "node:net"

export type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>

export class HttpServer {
  private readonly server: http.Server
  private readonly sockets = new Set<Socket>()
  private boundPort = 0

  constructor(onRequest: RequestListener) {
    this.server = http.createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
      onRequest(req, res).catch(() => {
        if (!res.headersSent) {
          try {
            res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" })
            res.end(JSON.stringify({ error: "Internal Server Error" }))
          } catch {
            res.destroy()
          }
        } else res.destroy()
      })
    })
    this.server.on("connection", (s) => {
      this.sockets.add(s)
      s.on("close", () => this.sockets.delete(s))
      s.on("error", () => undefined)
    })
    this.server.on("clientError", (_err, socket: Socket) => {
      if (socket.writable && !socket.destroyed) {
        const body = JSON.stringify({ ok: false, error: "Bad Request" })
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${
            Buffer.byteLength(body)
          }\r\nConnection: close\r\n\r\n${body}`
        )
      } else socket.destroy()
    })
    this.server.headersTimeout = 20_000
    this.server.requestTimeout = 60_000
  }

  get port(): number {
    return this.boundPort
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject)
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject)
        this.boundPort = (this.server.address() as AddressInfo).port
        resolve()
      })
    })
  }

  /** Stops listening and destroys every open socket. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      for (const s of this.sockets) s.destroy()
      this.server.closeAllConnections()
    })
  }
}
