/**
 * The browser test's page: the SDK bundled for the browser (esbuild, from the packages' published entry
 * points), run against the simulator on another origin. Each step renders what it got into
 * `<section data-step="…">` and into `window.__steps`; the event stream logs every item it emits, with the
 * page's clock, into `window.__stream`. The test (test/browser.test.ts) reads both.
 *
 * The query string says where to go: `api` (the simulator), `token`, `device` (an online device), `refused`
 * (a simulator that refuses this page's origin).
 */
import { ParticleClient, ParticleError } from "@effect-particle/core"
import { callFunction, getVariable, listDevices } from "@effect-particle/devices"
import { streamWithStatus } from "@effect-particle/events"
import { Duration, Effect, Redacted, Stream } from "effect"

/** What a step rendered. */
export interface StepResult {
  readonly ok: boolean
  readonly value?: unknown
  readonly error?: { readonly tag: string; readonly message: string; readonly [k: string]: unknown }
}

/** One item of the event stream, with the page's clock (`performance.now()`, ms). */
export interface StreamEntry {
  readonly at: number
  readonly tag: string
  readonly attempt?: number
  readonly delayMs?: number
  readonly cause?: string
  readonly name?: string
  readonly data?: string | null
}

declare global {
  interface Window {
    __steps: Record<string, StepResult>
    __stream: Array<StreamEntry>
    __done: boolean
    /** Every text the connection state showed, in order. */
    __rendered: Array<string>
  }
}

const params = new URLSearchParams(location.search)
const param = (name: string): string => {
  const value = params.get(name)
  if (value === null) throw new Error(`the page needs ?${name}=`)
  return value
}
const api = param("api")
const token = Redacted.make(param("token"))
const deviceId = param("device")
const refused = param("refused")

window.__steps = {}
window.__stream = []
window.__rendered = []
window.__done = false

const section = (step: string, title: string): HTMLElement => {
  const el = document.createElement("section")
  el.dataset.step = step
  el.dataset.state = "running"
  const h = document.createElement("h2")
  h.textContent = title
  const pre = document.createElement("pre")
  el.append(h, pre)
  document.getElementById("steps")!.append(el)
  return el
}

const describeError = (e: unknown): NonNullable<StepResult["error"]> => {
  if (ParticleError.isParticleError(e)) {
    const { _tag, cause: _cause, ...fields } = e as ParticleError.ParticleError & { cause?: unknown }
    return { ...fields, tag: _tag, message: e.message, isNotFound: e instanceof ParticleError.NotFound }
  }
  return { tag: "Unknown", message: String(e) }
}

/** Runs one step and renders its value or its typed error. */
const step = <A, E, R>(name: string, title: string, effect: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    const el = section(name, title)
    const pre = el.querySelector("pre")!
    return Effect.either(effect).pipe(Effect.map((result) => {
      const r: StepResult = result._tag === "Right"
        ? { ok: true, value: result.right }
        : { ok: false, error: describeError(result.left) }
      window.__steps[name] = r
      el.dataset.state = r.ok ? "ok" : "error"
      pre.textContent = r.ok ? JSON.stringify(r.value, null, 2) : `${r.error!.tag}: ${r.error!.message}`
    }))
  })

const Client = ParticleClient.layerFetch({ baseUrl: api, accessToken: token })
// another origin's simulator that does not allow this page: the browser blocks the call (no retries, to be quick)
const Refused = ParticleClient.layerFetch({ baseUrl: refused, accessToken: token, retry: false })

const steps = Effect.gen(function*() {
  yield* step("devices", "listDevices", Effect.map(listDevices(), (ds) => ds.map((d) => d.name)))
  yield* step("variable", "getVariable temperature", getVariable({ deviceId, name: "temperature" }))
  yield* step("function", "callFunction led(on)", callFunction({ deviceId, name: "led", argument: "on" }))
  yield* step("notFound", "getVariable of an unknown variable", getVariable({ deviceId, name: "no_such_variable" }))
  yield* step("corsRefused", "listDevices, refused origin", Effect.provide(listDevices(), Refused))
})

const statusEl = document.getElementById("stream-status")!
const eventsEl = document.getElementById("events")!

const log = (entry: StreamEntry) => {
  window.__stream.push(entry)
  if (entry.tag === "Event") {
    const li = document.createElement("li")
    li.textContent = `${entry.name} = ${entry.data}`
    eventsEl.append(li)
  } else {
    statusEl.textContent = entry.tag === "Reconnecting"
      ? `Reconnecting in ${(entry.delayMs! / 1000).toFixed(2)} s (attempt ${entry.attempt}): ${entry.cause}`
      : entry.tag
    statusEl.dataset.status = entry.tag
    window.__rendered.push(statusEl.textContent)
  }
}

// every device event of the user, with the connection states, forever (it reconnects by itself)
const events = streamWithStatus({ deviceId: "mine", name: "browser-test" }).pipe(
  Stream.runForEach((item) =>
    Effect.sync(() => {
      const at = performance.now()
      switch (item._tag) {
        case "Connecting":
        case "Connected":
          return log({ at, tag: item._tag, attempt: item.attempt })
        case "Reconnecting":
          return log({
            at,
            tag: item._tag,
            attempt: item.attempt,
            delayMs: Duration.toMillis(item.delay),
            cause: item.cause.message
          })
        case "Stopped":
          return log({ at, tag: item._tag })
        case "MalformedEvent":
          return log({ at, tag: item._tag, cause: item.message })
        case "Event":
          return log({ at, tag: item._tag, name: item.name, data: item.data })
      }
    })
  ),
  Effect.catchAll((e) =>
    Effect.sync(() => log({ at: performance.now(), tag: "Failed", cause: describeError(e).message }))
  )
)

Effect.runFork(Effect.provide(events, Client))
Effect.runPromise(Effect.provide(steps, Client)).then(
  () => {
    window.__done = true
    document.body.dataset.done = "true"
  },
  (e) => {
    document.body.dataset.done = "crashed"
    document.getElementById("steps")!.append(String(e))
  }
)
