/**
 * The SSE hub: open streams, which events each one sees (scope + name prefix), framing, keep-alives, and the
 * stream faults (drop after N events, silence, preloaded events).
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import type { SimEvent } from "./events.js"

export type SseScope =
  | { kind: "user"; username: string }
  | { kind: "device"; deviceId: string }
  | { kind: "product"; productId: number; deviceId?: string }
  | { kind: "org"; orgId: string; productId?: number; deviceId?: string }

/** What the stream faults do to one new connection. */
export interface StreamFaults {
  dropAfter: number | undefined
  preload: ReadonlyArray<{ name: string; data: string }> | undefined
}

/** Reads the hub needs from the (replaceable) store. */
export interface HubLookups {
  orgOfProduct(productId: number): string | undefined
  userId(username: string): string | undefined
}

interface Conn {
  res: ServerResponse
  scope: SseScope
  prefix: string | undefined
  written: number
  dropAfter: number | undefined
  timer: NodeJS.Timeout | undefined
  closed: boolean
}

export class SseHub {
  private readonly conns = new Set<Conn>()

  constructor(
    private readonly keepAliveIntervalMs: number,
    private readonly lookups: HubLookups,
    private readonly silent: () => boolean
  ) {}

  get size(): number {
    return this.conns.size
  }

  open(
    req: IncomingMessage,
    res: ServerResponse,
    scope: SseScope,
    prefix: string | undefined,
    faults: StreamFaults,
    headers: Record<string, string> = {}
  ): void {
    const socket = req.socket
    socket.setNoDelay(true)
    socket.setTimeout(0)
    const conn: Conn = { res, scope, prefix, written: 0, dropAfter: faults.dropAfter, timer: undefined, closed: false }
    res.writeHead(200, {
      ...headers,
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no"
    })
    this.conns.add(conn)
    const onClose = () => this.close(conn, false)
    res.on("close", onClose)
    res.on("error", onClose)
    let head = ":ok\n\n"
    if (faults.preload) {
      for (const e of faults.preload) head += `event: ${e.name}\ndata: ${e.data}\n\n`
      conn.written += faults.preload.length
    }
    socket.cork()
    res.write(head)
    process.nextTick(() => socket.uncork())
    conn.timer = setInterval(() => {
      if (!conn.closed && !this.silent()) res.write("\n")
    }, this.keepAliveIntervalMs)
    conn.timer.unref()
    if (conn.dropAfter !== undefined && conn.written >= conn.dropAfter) this.close(conn, true)
  }

  /** Ends every open stream. */
  closeAll(): void {
    for (const c of [...this.conns]) this.close(c, true)
  }

  private close(conn: Conn, end: boolean): void {
    if (conn.closed) return
    conn.closed = true
    if (conn.timer) clearInterval(conn.timer)
    this.conns.delete(conn)
    if (end) {
      try {
        conn.res.end()
      } catch {
        conn.res.destroy()
      }
    }
  }

  private matches(conn: Conn, ev: SimEvent): boolean {
    if (conn.prefix !== undefined && !ev.name.startsWith(conn.prefix)) return false
    const s = conn.scope
    switch (s.kind) {
      case "user":
        if (ev.device !== undefined) return ev.device.owner === s.username
        return ev.productId === undefined && ev.orgId === undefined && ev.apiUser === s.username
      case "device":
        return ev.device !== undefined && ev.device.id === s.deviceId
      case "product":
        return ev.productId === s.productId && (s.deviceId === undefined || ev.device?.id === s.deviceId)
      case "org": {
        if (ev.orgId !== undefined) return ev.orgId === s.orgId && s.productId === undefined && s.deviceId === undefined
        if (ev.productId === undefined || this.lookups.orgOfProduct(ev.productId) !== s.orgId) return false
        if (s.productId !== undefined && s.productId !== ev.productId) return false
        return s.deviceId === undefined || ev.device?.id === s.deviceId
      }
    }
  }

  private frame(conn: Conn, ev: SimEvent): string {
    const payload: Record<string, unknown> = {
      data: ev.data,
      ttl: ev.ttl,
      published_at: ev.published_at,
      coreid: ev.coreid
    }
    if ((conn.scope.kind === "product" || conn.scope.kind === "org") && ev.productId !== undefined) {
      if (ev.device?.owner !== undefined) {
        const id = this.lookups.userId(ev.device.owner)
        if (id !== undefined) payload["userid"] = id
      }
      payload["productID"] = ev.productId
      if (ev.device?.firmwareVersion !== undefined && ev.device.firmwareVersion !== null) {
        payload["version"] = ev.device.firmwareVersion
      }
    }
    return `event: ${ev.name}\ndata: ${JSON.stringify(payload)}\n\n`
  }

  /** Writes to every matching stream. Returns the streams whose socket buffer is now full. */
  deliver(ev: SimEvent): Array<ServerResponse> {
    const full: Array<ServerResponse> = []
    if (this.silent()) return full
    for (const conn of this.conns) {
      if (conn.closed || !this.matches(conn, ev)) continue
      const flushed = conn.res.write(this.frame(conn, ev))
      conn.written++
      if (conn.dropAfter !== undefined && conn.written >= conn.dropAfter) this.close(conn, true)
      else if (!flushed) full.push(conn.res)
    }
    return full
  }

  /** Publishes `count` events, waiting for `drain` whenever a stream's buffer is full; stops when `signal` aborts. */
  async publishMany(make: () => SimEvent, count: number, signal: AbortSignal): Promise<void> {
    for (let i = 0; i < count && !signal.aborted; i++) {
      const full = this.deliver(make())
      if (full.length > 0) await Promise.all(full.map((res) => waitDrain(res, signal)))
      else if (i % 1000 === 999) await new Promise<void>((r) => setImmediate(r))
    }
  }
}

const waitDrain = (res: ServerResponse, signal: AbortSignal): Promise<void> =>
  new Promise<void>((resolve) => {
    if (res.destroyed || res.writableEnded || signal.aborted) return resolve()
    const done = () => {
      res.off("drain", done)
      res.off("close", done)
      signal.removeEventListener("abort", done)
      resolve()
    }
    res.on("drain", done)
    res.on("close", done)
    signal.addEventListener("abort", done)
  })
