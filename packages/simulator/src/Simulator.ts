/**
 * A local Particle Device Cloud (HTTP + SSE) on 127.0.0.1, for tests.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import { decodeFault } from "./internal/admin-input.js"
import { adminRoutes, type AdminTarget } from "./internal/admin.js"
import { DEFAULT_MAX_BODY_BYTES, Engine, MAX_FUNCTION_ARG_LENGTH } from "./internal/engine.js"
import type { Fault } from "./internal/faults.js"
import { MAX_BULK_EVENTS } from "./internal/limits.js"
import {
  DEFAULT_MAX_RECORDED_BODY_BYTES,
  DEFAULT_MAX_RECORDED_REQUESTS,
  type RequestRecord
} from "./internal/recorder.js"
import { splitPath } from "./internal/router.js"
import { apiRoutes, eventSubscribers } from "./internal/routes/index.js"
import { seedFleet, type SeedInfo } from "./internal/seed.js"
import { Store } from "./internal/store/index.js"
import type { DeviceRecord, FunctionBehaviour, VariableValue } from "./internal/store/types.js"

export type { DeviceRecord, Fault, FunctionBehaviour, RequestRecord, SeedInfo, VariableValue }
export { PERMISSION_DENIED_INFO } from "./internal/reply.js"
export type { SeedDevice } from "./internal/seed.js"
export { MFA_OTP } from "./internal/seed.js"
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_RECORDED_BODY_BYTES,
  DEFAULT_MAX_RECORDED_REQUESTS,
  MAX_FUNCTION_ARG_LENGTH
}

/** Default SSE keep-alive cadence (ms): the simulator writes a bare `\n` this often on every open stream. */
export const DEFAULT_KEEP_ALIVE_INTERVAL_MS = 9000
/** Default time (ms) a variable read / function call to an unresponsive device waits before answering 408. */
export const DEFAULT_DEVICE_TIMEOUT_MS = 100

export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a random free port. */
  port?: number
  /** SSE keep-alive cadence in ms (default 9000). */
  keepAliveIntervalMs?: number
  /** How long a call to an unresponsive device waits before 408 `{"error":"Timed out."}` (default 100 ms). */
  deviceTimeoutMs?: number
  /** Particle's rate limits; off by default. `true` = 10,000 requests and 100 stream opens per 5 minutes. */
  rateLimits?: boolean | { requests?: number; windowMs?: number; streamOpens?: number }
  /** Seed the demo fleet (default true). */
  seed?: boolean
  /** Largest accepted request body (default 10 MiB); larger → 413. */
  maxBodyBytes?: number
  /** Longest accepted function argument (default 622 characters); longer → 400. */
  maxFunctionArgLength?: number
  /**
   * CORS for browser clients (default: any origin). `{ origins: [...] }` allows only those origins (others,
   * and requests without an Origin, get no CORS headers); `false` sends no CORS headers at all.
   */
  cors?: boolean | { origins?: "*" | ReadonlyArray<string> }
  /** How many requests `requests()` / `GET /__sim/requests` keep (default 10,000; oldest dropped first). */
  maxRecordedRequests?: number
  /** Recorded bodies are cut to this many bytes and marked `truncated` (default 64 KiB). */
  maxRecordedBodyBytes?: number
}

export interface CreateDeviceOptions {
  owner?: string
  id?: string
  name: string
  platformId?: number
  online?: boolean
  productId?: number
  groups?: Array<string>
  variables?: Record<string, VariableValue>
  functions?: Record<string, FunctionBehaviour>
  unresponsive?: boolean
}

export interface SimulatorHandle {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly port: number
  /** A ready, non-expiring access token of the seeded demo user (40 lowercase hex). */
  readonly accessToken: string
  /** Ids and names of the seeded fleet. */
  readonly seed: SeedInfo
  /** Back to the seeded state (the seeded tokens stay valid); faults and recordings cleared; open streams closed. */
  reset(): void
  /** The requests received (admin `/__sim/` routes and CORS preflights excluded), oldest first: the newest `maxRecordedRequests`, bodies cut to `maxRecordedBodyBytes`. */
  requests(): ReadonlyArray<RequestRecord>
  clearRequests(): void
  createUser(o: { username: string; password: string; mfa?: boolean }): { id: string; username: string }
  /** Issues an access token for an existing user; `expiresInSeconds` 0 or absent = never expires. */
  createToken(o: { username: string; expiresInSeconds?: number; scopes?: Array<string> }): string
  revokeToken(token: string): void
  createDevice(o: CreateDeviceOptions): DeviceRecord
  setVariable(deviceId: string, name: string, value: VariableValue): void
  setFunction(deviceId: string, name: string, result: FunctionBehaviour): void
  /** Also publishes `spark/status` `online` / `offline`. */
  setOnline(deviceId: string, online: boolean): void
  /** Variable reads and function calls answer 408 `{"error":"Timed out."}` after `deviceTimeoutMs`. */
  setUnresponsive(deviceId: string, unresponsive: boolean): void
  /** Publishes as a device to every matching open SSE stream. */
  publish(o: { deviceId: string; name: string; data?: string | null; ttl?: number; productId?: number }): void
  /** Publishes `count` events, waiting for `drain` whenever a stream's socket buffer is full. */
  publishMany(o: { deviceId: string; name: string; data?: string; count: number }): Promise<void>
  /** Currently open SSE responses. */
  sseConnections(): number
  /** Throws an Error naming the field when the fault is malformed (nothing is changed then). */
  setFault(f: Fault): void
  clearFaults(): void
}

const resolveOptions = (o: SimulatorOptions = {}) => {
  const rl = o.rateLimits
  return {
    port: o.port ?? 0,
    keepAliveIntervalMs: Math.max(1, o.keepAliveIntervalMs ?? DEFAULT_KEEP_ALIVE_INTERVAL_MS),
    deviceTimeoutMs: Math.max(0, o.deviceTimeoutMs ?? DEFAULT_DEVICE_TIMEOUT_MS),
    rateLimits: rl === undefined || rl === false ? (false as const) : {
      requests: (rl === true ? undefined : rl.requests) ?? 10_000,
      windowMs: (rl === true ? undefined : rl.windowMs) ?? 300_000,
      streamOpens: (rl === true ? undefined : rl.streamOpens) ?? 100
    },
    seed: o.seed ?? true,
    maxBodyBytes: o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxFunctionArgLength: o.maxFunctionArgLength ?? MAX_FUNCTION_ARG_LENGTH,
    recording: {
      maxRequests: Math.max(1, Math.floor(o.maxRecordedRequests ?? DEFAULT_MAX_RECORDED_REQUESTS)),
      maxBodyBytes: Math.max(0, Math.floor(o.maxRecordedBodyBytes ?? DEFAULT_MAX_RECORDED_BODY_BYTES))
    },
    cors: o.cors === false
      ? (false as const)
      : { origins: o.cors === undefined || o.cors === true ? ("*" as const) : o.cors.origins ?? ("*" as const) }
  }
}

const makeHandle = (engine: Engine): SimulatorHandle & { close(): Promise<void> } => {
  const device = (id: string): DeviceRecord => {
    const d = engine.store.devices.get(id)
    if (!d) throw new Error(`Unknown device ${id}`)
    return d
  }
  return {
    get url() {
      return engine.url
    },
    get port() {
      return engine.port
    },
    get accessToken() {
      return engine.seedInfo.user.accessToken
    },
    get seed() {
      return engine.seedInfo
    },
    reset: () => engine.reset(),
    requests: () => engine.recorder.all(),
    clearRequests: () => engine.recorder.clear(),
    createUser: (o) => {
      const u = engine.store.users.create(o)
      return { id: u.id, username: u.username }
    },
    createToken: (o) => {
      if (!engine.store.users.has(o.username)) throw new Error(`Unknown user ${o.username}`)
      return engine.store.users.issueToken({
        username: o.username,
        expiresInSeconds: o.expiresInSeconds ?? 0,
        scopes: o.scopes ?? []
      }).token
    },
    revokeToken: (token) => {
      engine.store.users.revoke(token)
    },
    createDevice: (o) => {
      const s = engine.store
      const owner = o.owner === undefined && o.productId === undefined ? engine.seedInfo.user.username : o.owner
      if (owner !== undefined && !s.users.has(owner)) throw new Error(`Unknown user ${owner}`)
      if (o.productId !== undefined && !s.products.get(o.productId)) throw new Error(`Unknown product ${o.productId}`)
      if (o.id !== undefined && !/^[0-9a-f]{24}$/i.test(o.id)) throw new Error("Device id must be 24 hex characters")
      return s.createDevice({ ...o, owner })
    },
    setVariable: (id, name, value) => {
      device(id).variables[name] = value
    },
    setFunction: (id, name, result) => {
      device(id).functions[name] = result
    },
    setOnline: (id, online) => {
      const d = device(id)
      d.online = online
      if (online) d.lastHandshakeAt = new Date().toISOString()
      engine.services.publish({ name: "spark/status", data: online ? "online" : "offline", device: d })
    },
    setUnresponsive: (id, unresponsive) => {
      device(id).unresponsive = unresponsive
    },
    publish: (o) => {
      const d = device(o.deviceId)
      engine.services.publish({
        name: o.name,
        data: o.data,
        ttl: o.ttl,
        device: d,
        productId: o.productId ?? d.productId
      })
    },
    publishMany: (o) => {
      if (!Number.isInteger(o.count) || o.count < 0 || o.count > MAX_BULK_EVENTS) {
        throw new Error(`count must be an integer between 0 and ${MAX_BULK_EVENTS}`)
      }
      const d = device(o.deviceId)
      return engine.publishMany(() => ({ name: o.name, data: o.data, device: d }), o.count)
    },
    sseConnections: () => engine.hub.size,
    setFault: (f) => engine.faults.add(decodeFault(f)),
    clearFaults: () => engine.faults.clear(),
    close: () => engine.close()
  }
}

/** Starts a simulator on 127.0.0.1. Call `close()` when done (it closes every socket, SSE included). */
export const start = async (options?: SimulatorOptions): Promise<SimulatorHandle & { close(): Promise<void> }> => {
  // the admin routes reach the handle, which needs the engine: the engine is created first
  const target: { current?: AdminTarget } = {}
  const engine = new Engine(
    resolveOptions(options),
    apiRoutes().router,
    adminRoutes(() => target.current!).router,
    eventSubscribers
  )
  const h = makeHandle(engine)
  target.current = { handle: h, engine }
  await engine.listen()
  return h
}

const table = /*#__PURE__*/ apiRoutes().router

/**
 * Every API route the simulator answers (the admin API excluded), as `{ method, path }` with parameters in
 * `:name` form, e.g. `{ method: "GET", path: "/v1/devices/:id/:name" }`. A parameter written `:name*` takes
 * the rest of the path (event-name prefixes).
 */
export const routes: ReadonlyArray<{ readonly method: string; readonly path: string }> = /*#__PURE__*/ table.entries
  .map((e) => ({
    method: e.method,
    path: e.pattern.replace(/\/\*([^/]+)$/, "/:$1*")
  }))

/**
 * The route pattern (in the form of {@link routes}) that answers `method` on a concrete path such as
 * `/v1/products/4242/devices/abc` (a query string is ignored), or undefined when no route does. HEAD falls
 * back to GET.
 */
export const matchRoute = (method: string, path: string): string | undefined => {
  const q = path.indexOf("?")
  const segs: Array<string> = []
  for (const s of splitPath(q === -1 ? path : path.slice(0, q))) {
    try {
      segs.push(decodeURIComponent(s))
    } catch {
      return undefined
    }
  }
  const m = table.match(method, segs)
  return m === undefined ? undefined : m.entry.pattern.replace(/\/\*([^/]+)$/, "/:$1*")
}

/**
 * The seeded fleet's identifiers: the same in every simulator (only the tokens and the OAuth client secret
 * differ, so they are left out), for tests that name seeded devices, products and SIMs before a simulator
 * runs. Built from the seed itself on first use.
 */
export interface Fleet {
  readonly user: { readonly id: string; readonly username: string }
  readonly otherUser: {
    readonly id: string
    readonly username: string
    readonly deviceId: string
    readonly deviceName: string
  }
  readonly devices: SeedInfo["devices"]
  readonly allDeviceIds: ReadonlyArray<string>
  readonly product: SeedInfo["product"]
  readonly org: SeedInfo["org"]
  readonly sims: SeedInfo["sims"]
  readonly libraries: ReadonlyArray<string>
  readonly integrationId: string
  readonly serialNumber: string
}

let cachedFleet: Fleet | undefined

/** The seeded fleet (see {@link Fleet}). */
export const fleet = (): Fleet => {
  if (cachedFleet !== undefined) return cachedFleet
  const seed = seedFleet(new Store(), { demo: "", other: "", clientSecret: "" })
  const { deviceId, deviceName, id, username } = seed.otherUser
  cachedFleet = {
    user: { id: seed.user.id, username: seed.user.username },
    otherUser: { id, username, deviceId, deviceName },
    devices: seed.devices,
    allDeviceIds: seed.allDeviceIds,
    product: seed.product,
    org: seed.org,
    sims: seed.sims,
    libraries: seed.libraries,
    integrationId: seed.integrationId,
    serialNumber: seed.serialNumber
  }
  return cachedFleet
}

/** The running simulator, provided by {@link layer}. */
export class Simulator extends Context.Tag("@effect-particle/simulator/Simulator")<Simulator, SimulatorHandle>() {}

/** A scoped Layer: starts a simulator on a random port (unless `port` is given) and closes every socket when the scope closes. */
export const layer = (options?: SimulatorOptions): Layer.Layer<Simulator> =>
  Layer.scoped(
    Simulator,
    Effect.acquireRelease(
      Effect.promise(() => start(options)),
      (h) => Effect.promise(() => h.close())
    )
  )
