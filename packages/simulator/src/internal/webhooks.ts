/**
 * Webhook delivery, for real. When a published event matches a webhook integration (its `event` is a
 * prefix of the event name, in the integration's scope, for its device if it names one, not disabled),
 * the simulator builds the HTTP request Particle documents (https://docs.particle.io/reference/cloud-apis/webhooks/):
 *
 * - `requestType` (default POST), the `url`, `query`, `headers`, basic `auth`, and one of `json`, `form` or
 *   `body`, every string a Mustache template over the event's variables (`PARTICLE_DEVICE_ID`,
 *   `PARTICLE_EVENT_NAME`, `PARTICLE_EVENT_VALUE`, `PARTICLE_PUBLISHED_AT`, `PARTICLE_EVENT_ID`,
 *   `PRODUCT_ID`, `PRODUCT_USER_ID`, `PRODUCT_VERSION`, `PARTICLE_EVENT_JSON`, `PARTICLE_EVENT_BASE64`,
 *   the legacy `SPARK_*` names, and the keys of JSON event data);
 * - unless `noDefaults`, the default fields `event`, `data`, `published_at`, `coreid`: in the query for GET
 *   and DELETE, merged into a `json` body, added to a `form` body, and as the form body of a POST or PUT
 *   that has no `json` or `body`;
 * - `User-Agent: ParticleBot/1.1 (https://docs.particle.io/webhooks)`.
 *
 * A URL on loopback (127.0.0.0/8, ::1, `localhost`) is contacted: `hook-sent/<event>` is published, then
 * the response body (through `responseTemplate` if set) in 512-byte chunks as `hook-response/<event>/<n>`
 * (product integrations: `<device id>/hook-response/<event>/<n>`; `responseTopic` overrides), or
 * `hook-error/<event>/<n>` (`errorResponseTopic`) with `error status <code> from <host>` or the network
 * error. A URL anywhere else is never contacted: the delivery is recorded and answered with a `hook-error`
 * saying so. Every hook event has `coreid` `particle-internal`; none of them triggers a webhook.
 *
 * Bounded: a 20 s timeout per delivery (Particle's), at most `MAX_CONCURRENT` deliveries at once and
 * `MAX_QUEUED` waiting (more are answered with a `hook-error`), responses read up to 100 KB, the last
 * deliveries recorded in the integration store. Nothing here throws into the publisher.
 */
import { randomBytes } from "node:crypto"
import * as dns from "node:dns"
import * as http from "node:http"
import * as https from "node:https"
import type { LookupFunction } from "node:net"
import { isIP } from "node:net"
import type { Services } from "./context.js"
import type { MakeEvent, SimEvent } from "./events.js"
import { render, TemplateError } from "./mustache.js"
import type { Store } from "./store/index.js"
import type { Delivery } from "./store/integrations.js"
import type { IntegrationRecord } from "./store/types.js"

export const USER_AGENT = "ParticleBot/1.1 (https://docs.particle.io/webhooks)"
export const DEFAULT_TIMEOUT_MS = 20_000
export const MAX_CONCURRENT = 8
export const MAX_QUEUED = 100
/** The most of a response body that is read and turned into hook-response events. */
export const MAX_RESPONSE_BYTES = 100 * 1024
export const CHUNK_BYTES = 512

export const OFF_LOOPBACK =
  "webhook delivery is off outside loopback: the Particle simulator only contacts 127.0.0.0/8, ::1 and localhost"

/** `hook-sent/…`, `hook-response/…`, `hook-error/…` (also after a `<device id>/` prefix). */
const HOOK_EVENT = /(^|\/)hook-(sent|response|error)\//

export const isHookEvent = (name: string): boolean => HOOK_EVENT.test(name)

// ------------------------------------------------------------------------------------------------ loopback

const isLoopbackAddress = (address: string): boolean => {
  const a = address.replace(/^\[|\]$/g, "").toLowerCase()
  if (isIP(a) === 4) return a.startsWith("127.")
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)
  return mapped !== null && mapped[1]!.startsWith("127.")
}

/** Whether a URL's host is on loopback: 127.0.0.0/8, ::1, or `localhost` (and its subdomains). */
export const isLoopbackUrl = (url: URL): boolean => {
  const host = url.hostname.toLowerCase()
  if (host === "localhost" || host.endsWith(".localhost")) return true
  return isIP(host.replace(/^\[|\]$/g, "")) !== 0 && isLoopbackAddress(host)
}

/** `localhost` is resolved, and only a loopback answer is used: a name never leads off the machine. */
const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4)
    const found = (addresses as Array<dns.LookupAddress>).find((a) => isLoopbackAddress(a.address))
    if (found === undefined) return callback(new Error(`${hostname} does not resolve to a loopback address`), "", 4)
    if ((options as { all?: boolean }).all) {
      ;(callback as unknown as (e: null, a: Array<dns.LookupAddress>) => void)(null, [found])
    } else callback(null, found.address, found.family)
  })
}

// ------------------------------------------------------------------------------------------------ matching

const truthy = (v: unknown) => v === true || v === "true"

/** Whether a webhook integration reacts to an event. */
export const matches = (store: Store, i: IntegrationRecord, ev: SimEvent): boolean => {
  const f = i.fields
  if (f["integration_type"] !== "Webhook" || truthy(f["disabled"])) return false
  const prefix = typeof f["event"] === "string" ? f["event"] : ""
  if (prefix === "" || !ev.name.startsWith(prefix)) return false
  if (i.productId !== undefined) {
    if (ev.productId !== i.productId) return false
  } else if (i.orgId !== undefined) {
    const org = ev.orgId ?? (ev.productId !== undefined ? store.products.get(ev.productId)?.orgId : undefined)
    if (org !== i.orgId) return false
  } else if (ev.device !== undefined) {
    if (ev.device.owner !== i.owner) return false
  } else if (ev.apiUser !== i.owner || ev.productId !== undefined || ev.orgId !== undefined) return false
  const only = f["deviceID"]
  if (typeof only === "string" && only !== "") {
    const d = ev.device
    if (d === undefined || (d.id.toLowerCase() !== only.toLowerCase() && d.name !== only)) return false
  }
  return true
}

// ------------------------------------------------------------------------------------------------ request

/** The predefined template variables of an event (Particle's names, and the legacy `SPARK_*` ones). */
export const eventVariables = (store: Store, ev: SimEvent, eventId: string): Record<string, string> => {
  const value = ev.data ?? ""
  const productId = ev.productId ?? ev.device?.productId ?? ev.device?.platformId
  const ownerId = ev.device?.owner !== undefined ? store.users.get(ev.device.owner)?.id : undefined
  const whole = JSON.stringify({ event: ev.name, data: ev.data, published_at: ev.published_at, coreid: ev.coreid })
  return {
    PARTICLE_DEVICE_ID: ev.coreid,
    PARTICLE_EVENT_NAME: ev.name,
    PARTICLE_EVENT_VALUE: value,
    PARTICLE_PUBLISHED_AT: ev.published_at,
    PARTICLE_EVENT_ID: eventId,
    PRODUCT_ID: productId === undefined ? "" : String(productId),
    PRODUCT_USER_ID: ownerId ?? "",
    PRODUCT_VERSION: ev.device?.firmwareVersion === undefined || ev.device.firmwareVersion === null
      ? ""
      : String(ev.device.firmwareVersion),
    PARTICLE_EVENT_JSON: whole,
    PARTICLE_EVENT_BASE64: Buffer.from(whole).toString("base64"),
    SPARK_CORE_ID: ev.coreid,
    SPARK_EVENT_NAME: ev.name,
    SPARK_EVENT_VALUE: value,
    SPARK_PUBLISHED_AT: ev.published_at
  }
}

/** The keys of JSON event data, which Particle makes template variables too. */
const dataVariables = (data: string | null): unknown => {
  if (data === null) return {}
  try {
    const parsed: unknown = JSON.parse(data)
    return parsed !== null && typeof parsed === "object" ? parsed : {}
  } catch {
    return {}
  }
}

export interface BuiltRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Record<string, string>
  readonly body: string
}

const renderValue = (value: unknown, t: (s: string) => string, depth = 0): unknown => {
  if (depth > 32) throw new TemplateError("the template nests too deep")
  if (typeof value === "string") return t(value)
  if (Array.isArray(value)) return value.map((v) => renderValue(v, t, depth + 1))
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[t(k)] = renderValue(v, t, depth + 1)
    return out
  }
  return value
}

const renderPairs = (value: unknown, t: (s: string) => string): Array<[string, string]> => {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return []
  return Object.entries(value).map((
    [k, v]
  ) => [t(k), t(typeof v === "string" ? v : v === null || v === undefined ? "" : String(v))])
}

const setHeader = (headers: Record<string, string>, name: string, value: string) => {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k]
  headers[name] = value
}

/**
 * The request a webhook sends for an event, its templates rendered. Throws `TemplateError` for a broken
 * template and `TypeError` for a URL that does not render to an absolute http(s) URL.
 */
export const buildRequest = (
  fields: Record<string, unknown>,
  variables: Record<string, string>,
  data: string | null
): BuiltRequest => {
  const t = (s: string) => render(s, variables, dataVariables(data))
  const method = (typeof fields["requestType"] === "string" ? fields["requestType"] : "POST").toUpperCase()
  const url = new URL(t(String(fields["url"] ?? "")))
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`the URL ${url.href} is not http(s)`)
  const defaults: Array<[string, string]> = truthy(fields["noDefaults"]) ? [] : [
    ["event", variables["PARTICLE_EVENT_NAME"]!],
    ["data", variables["PARTICLE_EVENT_VALUE"]!],
    ["published_at", variables["PARTICLE_PUBLISHED_AT"]!],
    ["coreid", variables["PARTICLE_DEVICE_ID"]!]
  ]
  const headers: Record<string, string> = { "User-Agent": USER_AGENT }
  for (const [k, v] of renderPairs(fields["query"], t)) url.searchParams.append(k, v)
  const hasBody = method !== "GET" && method !== "DELETE" && method !== "HEAD"
  let body = ""
  if (!hasBody) {
    for (const [k, v] of defaults) if (!url.searchParams.has(k)) url.searchParams.append(k, v)
  } else if (fields["json"] !== undefined && fields["json"] !== null) {
    const json = fields["json"]
    let value: unknown = renderValue(json, t)
    if (typeof json === "string") {
      try {
        value = JSON.parse(value as string)
      } catch {
        // a string template that does not render to JSON is sent as it rendered
      }
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const o = value as Record<string, unknown>
      for (const [k, v] of defaults) if (!Object.hasOwn(o, k)) o[k] = v
    }
    body = typeof value === "string" ? value : JSON.stringify(value)
    setHeader(headers, "Content-Type", "application/json")
    setHeader(headers, "Accept", "application/json")
  } else if (typeof fields["body"] === "string") {
    body = t(fields["body"])
  } else {
    const form = new URLSearchParams()
    const custom = renderPairs(fields["form"], t)
    for (const [k, v] of custom) form.append(k, v)
    for (const [k, v] of defaults) if (!form.has(k)) form.append(k, v)
    body = form.toString()
    if (body !== "" || fields["form"] !== undefined) {
      setHeader(headers, "Content-Type", "application/x-www-form-urlencoded")
    }
  }
  const auth = fields["auth"]
  if (auth !== null && typeof auth === "object") {
    const a = auth as Record<string, unknown>
    const user = t(String(a["username"] ?? a["user"] ?? ""))
    const pass = t(String(a["password"] ?? a["pass"] ?? ""))
    setHeader(headers, "Authorization", "Basic " + Buffer.from(`${user}:${pass}`).toString("base64"))
  }
  for (const [k, v] of renderPairs(fields["headers"], t)) {
    if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k) && !/[\r\n]/.test(v)) setHeader(headers, k, v)
  }
  return { method, url, headers, body }
}

// ------------------------------------------------------------------------------------------------ sending

export interface Sent {
  readonly status: number
  readonly headers: Record<string, string>
  /** At most `MAX_RESPONSE_BYTES`. */
  readonly body: string
}

/** Sends a request to a loopback URL; fails with an Error on a network failure or after `timeoutMs`. */
export const send = (
  request: BuiltRequest,
  o: { timeoutMs?: number; rejectUnauthorized?: boolean } = {}
): Promise<Sent> =>
  new Promise((resolve, reject) => {
    if (!isLoopbackUrl(request.url)) return reject(new Error(OFF_LOOPBACK))
    const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const body = Buffer.from(request.body)
    const headers: Record<string, string> = { ...request.headers }
    if (body.length > 0 || request.method === "POST" || request.method === "PUT") {
      headers["Content-Length"] = String(body.length)
    }
    const options: https.RequestOptions = { method: request.method, headers, agent: false, lookup: loopbackLookup }
    if (request.url.protocol === "https:") options.rejectUnauthorized = o.rejectUnauthorized ?? true
    let settled = false
    const done = (f: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      f()
    }
    const req = (request.url.protocol === "https:" ? https : http).request(request.url, options, (res) => {
      const chunks: Array<Buffer> = []
      let size = 0
      const finish = () =>
        done(() => {
          const out: Record<string, string> = {}
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) {
              out[k] = Array.isArray(v)
                ? v.join(", ")
                : v
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString("utf8") })
        })
      res.on("data", (c: Buffer) => {
        if (size >= MAX_RESPONSE_BYTES) return
        const take = c.subarray(0, MAX_RESPONSE_BYTES - size)
        chunks.push(take)
        size += take.length
        if (size >= MAX_RESPONSE_BYTES) {
          finish()
          res.destroy()
        }
      })
      res.on("end", finish)
      res.on("error", (e) => done(() => reject(e)))
      res.on("close", () => {
        if (!res.complete) done(() => reject(new Error("the connection closed before the response was complete")))
      })
    })
    const timer = setTimeout(() => {
      done(() => reject(new Error(`no response within ${timeoutMs} ms`)))
      req.destroy()
    }, timeoutMs)
    timer.unref()
    req.on("error", (e) => done(() => reject(e)))
    req.end(body)
  })

/** Splits text into pieces of at most `size` UTF-8 bytes, never inside a character. */
export const chunkUtf8 = (text: string, size = CHUNK_BYTES): Array<string> => {
  const bytes = Buffer.from(text)
  if (bytes.length === 0) return [""]
  const out: Array<string> = []
  let start = 0
  while (start < bytes.length) {
    let end = Math.min(start + size, bytes.length)
    while (end < bytes.length && end > start + 1 && (bytes[end]! & 0xc0) === 0x80) end--
    out.push(bytes.subarray(start, end).toString("utf8"))
    start = end
  }
  return out
}

// ------------------------------------------------------------------------------------------------ delivery

const eventId = (): string => randomBytes(12).toString("hex")

const scopedDefault = (i: IntegrationRecord, ev: SimEvent, kind: "response" | "error"): string =>
  kind === "response" && (i.productId !== undefined || i.orgId !== undefined) && ev.device !== undefined
    ? `${ev.device.id}/hook-response/${ev.name}`
    : `hook-${kind}/${ev.name}`

const topic = (
  i: IntegrationRecord,
  ev: SimEvent,
  variables: Record<string, string>,
  kind: "response" | "error"
): string => {
  const custom = i.fields[kind === "response" ? "responseTopic" : "errorResponseTopic"]
  if (typeof custom === "string" && custom.trim() !== "") {
    try {
      return render(custom, variables, dataVariables(ev.data))
    } catch {
      // a broken topic template falls back to the default topic
    }
  }
  return scopedDefault(i, ev, kind)
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return url.slice(0, 100)
  }
}

/** Publishes a hook-* event as the cloud, unless the simulator was reset meanwhile. */
const emit = (sim: Services, store: Store, ev: SimEvent, name: string, data: string): void => {
  if (sim.store !== store) return
  const e: MakeEvent = {
    name,
    data,
    device: ev.device,
    productId: ev.productId,
    orgId: ev.orgId,
    apiUser: ev.apiUser !== undefined ? store.users.get(ev.apiUser) : undefined,
    coreid: "particle-internal"
  }
  store.integrations.emitting++
  try {
    sim.publish(e)
  } catch {
    // never into the publisher
  } finally {
    store.integrations.emitting--
  }
}

const recordOf = (
  i: IntegrationRecord,
  ev: SimEvent,
  request: BuiltRequest | undefined,
  fallbackUrl: string
): Delivery => ({
  integrationId: i.id,
  time: new Date().toISOString(),
  event: { name: ev.name, data: ev.data, published_at: ev.published_at, coreid: ev.coreid },
  request: request === undefined
    ? { method: String(i.fields["requestType"] ?? "POST"), url: fallbackUrl, headers: {}, body: "" }
    : { method: request.method, url: request.url.href, headers: request.headers, body: request.body },
  contacted: false,
  response: undefined,
  error: undefined
})

const responseText = (i: IntegrationRecord, sent: Sent, variables: Record<string, string>): string => {
  const template = i.fields["responseTemplate"]
  if (typeof template !== "string" || template === "") return sent.body
  let parsed: unknown = {}
  try {
    parsed = JSON.parse(sent.body)
  } catch {
    parsed = {}
  }
  return render(template, parsed, variables)
}

const deliver = async (
  sim: Services,
  store: Store,
  i: IntegrationRecord,
  ev: SimEvent,
  id: string,
  timeoutMs: number
): Promise<void> => {
  const variables = eventVariables(store, ev, id)
  const errorTopic = topic(i, ev, variables, "error")
  let request: BuiltRequest
  try {
    request = buildRequest(i.fields, variables, ev.data)
  } catch (e) {
    const d = store.integrations.record(recordOf(i, ev, undefined, String(i.fields["url"] ?? "")))
    d.error = `the webhook could not be built: ${e instanceof Error ? e.message : String(e)}`
    emit(sim, store, ev, `${errorTopic}/0`, d.error)
    return
  }
  const d = store.integrations.record(recordOf(i, ev, request, request.url.href))
  if (!isLoopbackUrl(request.url)) {
    d.error = OFF_LOOPBACK
    emit(sim, store, ev, `${errorTopic}/0`, `${OFF_LOOPBACK} (not contacted: ${request.url.host})`)
    return
  }
  d.contacted = true
  emit(sim, store, ev, `hook-sent/${ev.name}`, "undefined")
  try {
    const sent = await send(request, { timeoutMs, rejectUnauthorized: i.fields["rejectUnauthorized"] !== false })
    d.response = { status: sent.status, headers: sent.headers, body: sent.body }
    if (sent.status < 200 || sent.status > 299) {
      d.error = `error status ${sent.status} from ${request.url.host}`
      emit(sim, store, ev, `${errorTopic}/0`, d.error)
      return
    }
    let text: string
    try {
      text = responseText(i, sent, variables)
    } catch (e) {
      d.error = `the response template could not be rendered: ${e instanceof Error ? e.message : String(e)}`
      emit(sim, store, ev, `${errorTopic}/0`, d.error)
      return
    }
    const responseTopic = topic(i, ev, variables, "response")
    chunkUtf8(text).forEach((chunk, n) => emit(sim, store, ev, `${responseTopic}/${n}`, chunk))
  } catch (e) {
    d.error = `error from ${hostOf(request.url.href)}: ${e instanceof Error ? e.message : String(e)}`
    emit(sim, store, ev, `${errorTopic}/0`, d.error)
  }
}

/** Runs `task` when a slot is free (at most `MAX_CONCURRENT` at once); false when the queue is full. */
const schedule = (store: Store, task: () => Promise<void>): boolean => {
  const state = store.integrations
  const run = () => {
    state.inFlight++
    task().catch(() => undefined).finally(() => {
      state.inFlight--
      const next = state.queue.shift()
      if (next !== undefined) next()
    })
  }
  if (state.inFlight < MAX_CONCURRENT) {
    run()
    return true
  }
  if (state.queue.length >= MAX_QUEUED) return false
  state.queue.push(run)
  return true
}

/**
 * The integrations family's reaction to every published event: starts the deliveries of the webhooks
 * it matches and returns at once.
 */
export const onWebhookEvent = (sim: Services, ev: SimEvent, o: { timeoutMs?: number } = {}): void => {
  const store = sim.store
  if (store.integrations.emitting > 0 || isHookEvent(ev.name)) return
  const hooks = store.integrations.all().filter((i) => matches(store, i, ev))
  // one PARTICLE_EVENT_ID per event, whichever integrations it triggers
  const id = eventId()
  for (const i of hooks) {
    const accepted = schedule(
      store,
      () =>
        new Promise<void>((resolve) =>
          setImmediate(() => void deliver(sim, store, i, ev, id, o.timeoutMs ?? DEFAULT_TIMEOUT_MS).finally(resolve))
        )
    )
    if (!accepted) {
      setImmediate(() =>
        emit(
          sim,
          store,
          ev,
          `${topic(i, ev, eventVariables(store, ev, id), "error")}/0`,
          "Sleeping, too many webhook deliveries in flight, please wait and try again"
        )
      )
    }
  }
}

/**
 * `POST /v1/integrations/:id/test`: sends the webhook once for a test event (`data` "test-event") and
 * reports whether the server answered 2xx. Publishes no hook events.
 */
export const testWebhook = async (
  store: Store,
  i: IntegrationRecord,
  ev: SimEvent,
  timeoutMs = DEFAULT_TIMEOUT_MS
): Promise<{ pass: boolean; data?: string | null; error?: string }> => {
  if (i.fields["integration_type"] !== "Webhook") {
    return { pass: false, error: `the simulator does not deliver ${String(i.fields["integration_type"])} integrations` }
  }
  let request: BuiltRequest
  try {
    request = buildRequest(i.fields, eventVariables(store, ev, eventId()), ev.data)
  } catch (e) {
    return { pass: false, error: `the webhook could not be built: ${e instanceof Error ? e.message : String(e)}` }
  }
  const d = store.integrations.record(recordOf(i, ev, request, request.url.href))
  if (!isLoopbackUrl(request.url)) {
    d.error = OFF_LOOPBACK
    return { pass: false, error: `${OFF_LOOPBACK} (not contacted: ${request.url.host})` }
  }
  d.contacted = true
  try {
    const sent = await send(request, { timeoutMs, rejectUnauthorized: i.fields["rejectUnauthorized"] !== false })
    d.response = { status: sent.status, headers: sent.headers, body: sent.body }
    if (sent.status >= 200 && sent.status <= 299) return { pass: true, data: sent.body === "" ? null : sent.body }
    d.error = `error status ${sent.status} from ${request.url.host}`
    return { pass: false, error: d.error }
  } catch (e) {
    d.error = `error from ${request.url.host}: ${e instanceof Error ? e.message : String(e)}`
    return { pass: false, error: d.error }
  }
}
