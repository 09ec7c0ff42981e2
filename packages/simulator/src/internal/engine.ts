/**
 * One running simulator: the server, the current store and seed, the SSE hub, faults, recordings and rate
 * limits, wired into the request pipeline. `reset()` swaps in a fresh, re-seeded store.
 */
import type { RouteSpec, Services } from "./context.js"
import { Cors, type CorsOptions } from "./cors.js"
import { type MakeEvent, makeEvent, type SimEvent } from "./events.js"
import { Faults } from "./faults.js"
import { randomToken } from "./ids.js"
import { handleRequest } from "./pipeline.js"
import { RateLimiter, type RateLimitOptions } from "./ratelimit.js"
import { Recorder, type RecorderOptions } from "./recorder.js"
import { HANDLED, writeReply } from "./reply.js"
import type { Router } from "./router.js"
import { seedFleet, type SeedInfo, seedMinimal, type SeedTokens } from "./seed.js"
import { HttpServer } from "./server.js"
import { SseHub } from "./sse.js"
import { Store } from "./store/index.js"

export const MAX_FUNCTION_ARG_LENGTH = 622
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

export interface EngineOptions {
  port: number
  keepAliveIntervalMs: number
  deviceTimeoutMs: number
  rateLimits: false | RateLimitOptions
  seed: boolean
  maxBodyBytes: number
  maxFunctionArgLength: number
  cors: CorsOptions
  recording: RecorderOptions
}

export class Engine {
  store: Store
  seedInfo: SeedInfo
  readonly faults = new Faults()
  readonly recorder: Recorder
  readonly hub: SseHub
  readonly services: Services
  private limiter: RateLimiter
  /** Bulk publishes in progress; reset and close stop them. */
  private readonly bulk = new Set<AbortController>()
  private readonly server: HttpServer
  private readonly seedTokens: SeedTokens = { demo: randomToken(), other: randomToken(), clientSecret: randomToken() }

  constructor(
    readonly options: EngineOptions,
    api: Router<RouteSpec>,
    admin: Router<RouteSpec>,
    private readonly subscribers: ReadonlyArray<(sim: Services, event: SimEvent) => void> = []
  ) {
    this.store = new Store()
    this.seedInfo = this.seed()
    this.recorder = new Recorder(options.recording)
    this.limiter = new RateLimiter(options.rateLimits)
    this.hub = new SseHub(options.keepAliveIntervalMs, {
      orgOfProduct: (id) => this.store.products.get(id)?.orgId,
      userId: (username) => this.store.users.get(username)?.id
    }, () => this.faults.silent)
    // the services and the pipeline read the current store and limiter (reset() swaps them)
    const store = () => this.store
    const url = () => this.url
    const limiter = () => this.limiter
    this.services = {
      get store() {
        return store()
      },
      get url() {
        return url()
      },
      deviceTimeoutMs: options.deviceTimeoutMs,
      maxFunctionArgLength: options.maxFunctionArgLength,
      publish: (e) => this.publish(makeEvent(e)),
      openStream: (ctx, scope, prefix) => {
        // HEAD gets the headers a GET would, and no stream that never ends
        if (ctx.method === "HEAD") {
          writeReply(ctx.res, {
            status: 200,
            raw: "",
            contentType: "text/event-stream",
            headers: { "Cache-Control": "no-cache" }
          })
        } else this.hub.open(ctx.req, ctx.res, scope, prefix, this.faults.forStream())
        return HANDLED
      }
    }
    const deps = {
      maxBodyBytes: options.maxBodyBytes,
      recorder: this.recorder,
      faults: this.faults,
      cors: new Cors(options.cors),
      api,
      admin,
      services: this.services,
      get limiter() {
        return limiter()
      }
    }
    this.server = new HttpServer((req, res) => handleRequest(deps, req, res))
  }

  private seed(): SeedInfo {
    return this.options.seed ? seedFleet(this.store, this.seedTokens) : seedMinimal(this.store, this.seedTokens)
  }

  get port(): number {
    return this.server.port
  }
  get url(): string {
    return `http://127.0.0.1:${this.server.port}`
  }

  listen(): Promise<void> {
    return this.server.listen(this.options.port)
  }

  close(): Promise<void> {
    this.stopBulk()
    this.hub.closeAll()
    return this.server.close()
  }

  /** Back to the seeded state (same seeded tokens); faults, recordings, limits and open streams cleared. */
  reset(): void {
    this.stopBulk()
    this.hub.closeAll()
    this.store = new Store()
    this.seedInfo = this.seed()
    this.faults.clear()
    this.recorder.reset()
    this.limiter = new RateLimiter(this.options.rateLimits)
  }

  publish(ev: SimEvent): void {
    if (ev.device) ev.device.lastHeard = ev.published_at
    this.hub.deliver(ev)
    for (const subscriber of this.subscribers) {
      try {
        subscriber(this.services, ev)
      } catch {
        // a family's reaction to an event never breaks the publish that caused it
      }
    }
  }

  /** Publishes `count` events (back-pressured); stops on `signal`, reset or close. */
  async publishMany(make: () => MakeEvent, count: number, signal?: AbortSignal): Promise<void> {
    const ctl = new AbortController()
    const stop = () => ctl.abort()
    signal?.addEventListener("abort", stop)
    if (signal?.aborted) ctl.abort()
    this.bulk.add(ctl)
    try {
      await this.hub.publishMany(() => makeEvent(make()), count, ctl.signal)
    } finally {
      this.bulk.delete(ctl)
      signal?.removeEventListener("abort", stop)
    }
  }

  /** How many bulk publishes are running. */
  get publishing(): number {
    return this.bulk.size
  }

  private stopBulk(): void {
    for (const c of this.bulk) c.abort()
    this.bulk.clear()
  }
}
