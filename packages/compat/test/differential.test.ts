/**
 * The differential test: every case of `cases.ts` runs on particle-api-js 12.0.3 and on the facade with the
 * same arguments,
 *
 * 1. against a recording server on 127.0.0.1: the requests must be identical (method, raw path, raw query,
 *    the headers that matter, the body by its encoding), except for the documented improvements a case
 *    declares, each of which must show exactly as documented;
 * 2. against the simulator, each from the same seeded state: the results (or the rejections' fields) must
 *    be equal, modulo fresh ids and timestamps, except for the documented result differences.
 *
 * The last test prints the counts.
 */
import { Simulator } from "@effect-particle/simulator"
import { readFileSync } from "node:fs"
import { isDeepStrictEqual } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import BrowserParticle from "../src/browser.js"
import Particle from "../src/index.js"
import { type Case, cases, type Fx, type RequestDifference, type ResultDifference } from "./cases.js"
import { filesOnDisk, Official, officialVersion } from "./support/fixture.js"
import { type Recorder, startRecorder } from "./support/recorder.js"
import { type Difference, differences, shapeOf } from "./support/wire.js"

let sim: Simulator.SimulatorHandle & { close(): Promise<void> }
let recorder: Recorder
let foreign: Recorder
let disk: ReturnType<typeof filesOnDisk>

beforeAll(async () => {
  sim = await Simulator.start({ deviceTimeoutMs: 20 })
  recorder = await startRecorder()
  foreign = await startRecorder()
  disk = filesOnDisk()
})
afterAll(async () => {
  await sim.close()
  await recorder.close()
  await foreign.close()
})

const fxOf = (phase: Fx["phase"], base: string, extra: Record<string, unknown>): Fx => ({
  phase,
  base,
  foreign: foreign.url,
  token: sim.accessToken,
  seed: sim.seed,
  sim,
  disk,
  extra
})

const prepared = async (c: Case, phase: Fx["phase"], base: string): Promise<Fx> => {
  sim.reset()
  const extra = c.prepare === undefined ? {} : await c.prepare(sim, fxOf(phase, base, {}))
  return fxOf(phase, base, extra)
}

const clientOf = (Cls: new(o: Record<string, unknown>) => any, c: Case, fx: Fx) =>
  new Cls({ baseUrl: fx.base, ...c.instance?.(fx) })

/** Calls the case on one client; particle-api-js runs the `reference` where it lacks the method. */
const call = (client: any, c: Case, fx: Fx, official: boolean): Promise<unknown> => {
  const args = c.args?.(fx) ?? {}
  const run = official && c.reference !== undefined
    ? c.reference
    : c.run ?? ((cl: any, ar: unknown) => cl[c.method](ar))
  return run(client, args, fx)
}

type Outcome =
  | { readonly resolved: unknown }
  | { readonly rejected: any }
  | { readonly threw: any }

const outcome = async (thunk: () => Promise<unknown>): Promise<Outcome> => {
  let promise: Promise<unknown>
  try {
    promise = thunk()
  } catch (error) {
    return { threw: error }
  }
  try {
    return { resolved: await promise }
  } catch (error) {
    return { rejected: error }
  }
}

// ---------------------------------------------------------------------------------------- documented

const isBearer = (u: unknown) => typeof u === "string" && u.startsWith("Bearer ")
const decoded = (u: unknown) => {
  try {
    return decodeURIComponent(String(u))
  } catch {
    return undefined
  }
}

/** Each documented request difference, and what it looks like on the wire (README "Differences on the wire"). */
const requestDifferences: Record<RequestDifference, (d: Difference) => boolean> = {
  "no-token-without-auth-option": (d) =>
    d.field === "header authorization" && isBearer(d.theirs) && d.ours === undefined,
  "no-token-to-foreign-host": (d) => d.field === "header authorization" && isBearer(d.theirs) && d.ours === undefined,
  "path-encoded": (d) => d.field === "path" && d.theirs !== d.ours && decoded(d.ours) === d.theirs,
  "event-stream-accept": (d) =>
    d.field === "header accept" && d.theirs === "(default)" && d.ours === "text/event-stream",
  "no-otp-in-url": (d) => d.field === "query" && /^otp=/.test(String(d.theirs)) && d.ours === "",
  "context-not-mutated": (d) => d.field === "header x-particle-tool" && d.theirs !== undefined && d.ours === undefined,
  "headers-not-mutated": (d) =>
    d.field === "header accept" && d.theirs === "application/schema+json" && d.ours === "(default)",
  "base-url-trailing-slash": (d) => d.field === "path" && d.theirs === `/${String(d.ours)}`
}

interface RequestStats {
  readonly name: string
  readonly requests: number
  readonly identical: number
  readonly documented: ReadonlyArray<RequestDifference>
}
const requestStats: Array<RequestStats> = []
const browserStats: Array<RequestStats> = []

const take = (extra: ReadonlyArray<string>) => [
  ...recorder.take().map((r) => ({ host: "base", shape: shapeOf(r, extra) })),
  ...foreign.take().map((r) => ({ host: "foreign", shape: shapeOf(r, extra) }))
]

/** Runs a case on particle-api-js and on `Facade` against the recorders; checks the differences; counts. */
const compareRequests = async (c: Case, Facade: new(o: Record<string, unknown>) => unknown): Promise<RequestStats> => {
  const fx = await prepared(c, "request", recorder.url)
  recorder.take()
  foreign.take()
  await outcome(() => call(clientOf(Official, c, fx), c, fx, true))
  const theirs = take(c.headers ?? [])
  await outcome(() => call(clientOf(Facade, c, fx), c, fx, false))
  const ours = take(c.headers ?? [])
  // the same number of requests, to the same servers, with the same methods (the rest field by field)
  expect(ours.map((r) => `${r.host} ${r.shape.method}`)).toEqual(theirs.map((r) => `${r.host} ${r.shape.method}`))
  const declared = new Set(c.requestDiffers ?? [])
  const seen = new Set<RequestDifference>()
  let identical = 0
  theirs.forEach((t, i) => {
    const found = differences(t.shape, ours[i]!.shape)
    if (found.length === 0) identical++
    for (const d of found) {
      const id = [...declared].find((k) => requestDifferences[k](d))
      expect(id, `undocumented difference in ${d.field}: ${JSON.stringify(d)}`).toBeDefined()
      seen.add(id!)
    }
  })
  expect([...seen].sort()).toEqual([...declared].sort())
  return { name: c.name, requests: theirs.length, identical, documented: [...declared] }
}

describe(`requests: particle-api-js ${officialVersion} and the facade, on a recording server`, () => {
  it.each(cases)("$name", async (c) => {
    requestStats.push(await compareRequests(c, Particle))
  })
})

describe("requests: the browser entry (fetch) sends the same", () => {
  it.each(cases.filter((c) => c.nodeOnly !== true))("$name", async (c) => {
    browserStats.push(await compareRequests(c, BrowserParticle))
  })
})

// -------------------------------------------------------------------------------------------- results

/**
 * What is fresh in every run (README "The differential test"); only strings that differ are masked, in this
 * order, and a run of masks counts as one (a hex token may hold what looks like epoch milliseconds).
 */
const FRESH = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, // UUIDs (Logic functions, triggers, runs)
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, // ISO-8601 timestamps
  /manual_\d+/g, // sendPublicKey's order (manual_<Date.now()>)
  /\b[0-9a-f]{6,}\b/g, // hex: tokens (40), ObjectIds (24), recovery codes, nonces, random name suffixes
  /\b[A-Za-z0-9+/]{40,}={0,2}/g, // base64: claim codes
  /\b[A-Z2-7]{16,}\b/g, // base32: MFA secrets
  /(?<!\d)\d{13}(?!\d)/g // epoch milliseconds (in Logic log file names)
]

/** A differing string is equal when only fresh ids and timestamps differ in it. */
const mask = (s: string) => FRESH.reduce((acc, re) => acc.replace(re, "<fresh>"), s).replace(/(<fresh>)+/g, "<fresh>")

/** The first place where two results differ beyond fresh values, or undefined. */
const mismatch = (theirs: unknown, ours: unknown, path = "$"): string | undefined => {
  if (typeof theirs === "string" && typeof ours === "string") {
    return theirs === ours || mask(theirs) === mask(ours) ? undefined : `${path}: ${theirs} ≠ ${ours}`
  }
  if (Array.isArray(theirs) && Array.isArray(ours)) {
    if (theirs.length !== ours.length) return `${path}: ${theirs.length} items ≠ ${ours.length}`
    for (let i = 0; i < theirs.length; i++) {
      const m = mismatch(theirs[i], ours[i], `${path}[${i}]`)
      if (m !== undefined) return m
    }
    return undefined
  }
  if (typeof theirs === "object" && theirs !== null && typeof ours === "object" && ours !== null) {
    const keys = [...new Set([...Object.keys(theirs), ...Object.keys(ours)])]
    for (const key of keys) {
      const m = mismatch((theirs as any)[key], (ours as any)[key], `${path}.${key}`)
      if (m !== undefined) return m
    }
    return undefined
  }
  return isDeepStrictEqual(theirs, ours) ? undefined : `${path}: ${JSON.stringify(theirs)} ≠ ${JSON.stringify(ours)}`
}

/** Data only: bytes as base64, own enumerable fields (particle-api-js's `body.response`, a fetch Response, dropped). */
const plain = (u: unknown): unknown => {
  if (u instanceof Uint8Array) return { bytes: Buffer.from(u).toString("base64") }
  if (u instanceof ArrayBuffer) return { bytes: Buffer.from(u).toString("base64") }
  if (Array.isArray(u)) return u.map(plain)
  if (typeof u === "object" && u !== null) {
    return Object.fromEntries(Object.entries(u).filter(([k]) => k !== "response").map(([k, v]) => [k, plain(v)]))
  }
  return u
}

const errorFields = (e: any) => ({
  message: e?.message,
  statusCode: e?.statusCode,
  errorDescription: e?.errorDescription,
  shortErrorDescription: e?.shortErrorDescription,
  body: e?.body instanceof Error ? { error: e.body.name } : plain(e?.body)
})

const comparable = (o: Outcome) =>
  "resolved" in o ? { resolved: plain(o.resolved) } : { rejected: errorFields("rejected" in o ? o.rejected : o.threw) }

/** Each documented result difference, checked on both outcomes (README "Differences in results"). */
const resultDifferences: Record<ResultDifference, (theirs: Outcome, ours: Outcome) => void> = {
  // particle-api-js cannot parse an empty 200 body: it rejects; the facade resolves { statusCode, body: {} }
  "empty-2xx-accepted": (theirs, ours) => {
    expect("rejected" in theirs && theirs.rejected.statusCode).toBe(200)
    expect("rejected" in theirs && theirs.rejected.message).toMatch(/^HTTP error 200 from /)
    expect(plain((ours as { resolved: unknown }).resolved)).toEqual({ statusCode: 200, body: {} })
  },
  // a non-JSON error body: particle-api-js's body is a SyntaxError (the text is lost); the facade keeps the text
  "error-text-kept": (theirs, ours) => {
    const t = (theirs as { rejected: any }).rejected
    const o = (ours as { rejected: any }).rejected
    expect(t.body).toBeInstanceOf(SyntaxError)
    expect([o.statusCode, o.errorDescription, o.shortErrorDescription]).toEqual([
      t.statusCode,
      t.errorDescription,
      t.shortErrorDescription
    ])
    expect(o.body).toBe("<html><body>Bad Gateway</body></html>")
  },
  // particle-api-js throws synchronously; the facade rejects with the same message (and the fields)
  "rejects-not-throws": (theirs, ours) => {
    expect("threw" in theirs).toBe(true)
    const o = (ours as { rejected: any }).rejected
    expect(o.message).toBe((theirs as { threw: Error }).threw.message)
    expect(o.errorDescription).toBe(o.message)
    expect([o.statusCode, o.shortErrorDescription]).toEqual([undefined, undefined])
  },
  // both reject with the same message; particle-api-js's is a bare Error, the facade's has the fields
  "refusal-with-fields": (theirs, ours) => {
    const t = (theirs as { rejected: any }).rejected
    const o = (ours as { rejected: any }).rejected
    expect(o.message).toBe(t.message)
    expect([t.errorDescription, o.errorDescription]).toEqual([undefined, o.message])
  },
  // a 403's info echoes "access_token=…": the facade (core) scrubs every access_token= value from errors
  "token-scrubbed-from-errors": (theirs, ours) => {
    const t = comparable(theirs) as any
    const o = comparable(ours) as any
    expect(t.rejected.body.info).toMatch(/access_token=…$/)
    expect(o.rejected.body.info).toBe(t.rejected.body.info.replace(/access_token=…$/, "access_token=<redacted>"))
    expect(mismatch({ ...t, rejected: { ...t.rejected, body: {} } }, { ...o, rejected: { ...o.rejected, body: {} } }))
      .toBeUndefined()
    expect({ ...t.rejected.body, info: undefined }).toEqual({ ...o.rejected.body, info: undefined })
  }
}

const resultStats: Array<{
  readonly name: string
  readonly documented: ResultDifference | undefined
  readonly outcome: string
}> = []

const kindOf = (o: Outcome) =>
  "resolved" in o
    ? `resolved ${(o.resolved as { statusCode?: number } | undefined)?.statusCode ?? "(bytes or value)"}`
    : `rejected ${("rejected" in o ? o.rejected : o.threw)?.statusCode ?? "(no status)"}`

describe(`results: particle-api-js ${officialVersion} and the facade, on the simulator`, () => {
  it.each(cases.filter((c) => c.result !== false))("$name", async (c) => {
    const fxTheirs = await prepared(c, "result", sim.url)
    const theirs = await outcome(() => call(clientOf(Official, c, fxTheirs), c, fxTheirs, true))
    const fxOurs = await prepared(c, "result", sim.url)
    const ours = await outcome(() => call(clientOf(Particle, c, fxOurs), c, fxOurs, false))
    const documented = c.result === undefined || c.result === false ? undefined : c.result.differs
    if (documented !== undefined) resultDifferences[documented](theirs, ours)
    else {
      const normalise = c.normalise ?? ((u: unknown) => u)
      expect(mismatch(normalise(comparable(theirs)), normalise(comparable(ours)))).toBeUndefined()
    }
    resultStats.push({ name: c.name, documented, outcome: kindOf(ours) })
  })
})

// ------------------------------------------------------------------------------------------- coverage

const endpointMethods: ReadonlyArray<string> = (JSON.parse(
  readFileSync(new URL("../../../scripts/particle-api-js-methods.json", import.meta.url), "utf8")
) as Array<{ method: string }>).map((m) => m.method)
const genericMethods = [
  "get",
  "head",
  "post",
  "put",
  "patch",
  "delete",
  "request",
  "setDefaultAuth",
  "setBaseUrl",
  "setContext",
  "client",
  "deviceUri"
]
const droppedMethods = [
  "getAttributes",
  "flashTinker",
  "activateSIM",
  "deactivateSIM",
  "reactivateSIM",
  "updateSIM",
  "listAccessTokens",
  "verifyUser"
]

describe("coverage", () => {
  it("the facade has every public method of particle-api-js 12.0.3's Particle, and the dropped names", () => {
    const theirs = Object.getOwnPropertyNames(Official.prototype).filter((n) =>
      n !== "constructor" && !n.startsWith("_")
    )
    const ours = new Particle()
    expect(theirs.filter((n) => typeof (ours as any)[n] !== "function")).toEqual([])
    expect([...droppedMethods, ...genericMethods].filter((n) => typeof (ours as any)[n] !== "function")).toEqual([])
    expect(endpointMethods).toHaveLength(116)
  })

  it("the table covers all 116 endpoint methods, the generic ones and the dropped names, in both phases", () => {
    const all = [...endpointMethods, ...genericMethods, ...droppedMethods]
    const requested = new Set(cases.map((c) => c.method))
    const resulted = new Set(cases.filter((c) => c.result !== false).map((c) => c.method))
    expect(all.filter((m) => !requested.has(m))).toEqual([])
    expect(all.filter((m) => !resulted.has(m))).toEqual([])
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
  })

  it("reports the counts", () => {
    const requests = requestStats.reduce((n, s) => n + s.requests, 0)
    const identical = requestStats.reduce((n, s) => n + s.identical, 0)
    const refused = requestStats.filter((s) => s.requests === 0).map((s) => s.name)
    const byDifference = new Map<string, number>()
    for (const s of requestStats) for (const d of s.documented) byDifference.set(d, (byDifference.get(d) ?? 0) + 1)
    const documentedResults = resultStats.filter((s) => s.documented !== undefined)
    const lines = [
      `differential test: ${cases.length} cases over ${
        new Set(cases.map((c) => c.method)).size
      } methods (116 endpoint methods, ${genericMethods.length} generic, ${droppedMethods.length} dropped names)`,
      `requests: ${identical} of ${requests} identical; ${requests - identical} differ only as documented (${
        [...byDifference].map(([k, n]) => `${k} ×${n}`).join(", ")
      }); ${refused.length} cases send nothing on either side (${refused.join("; ")})`,
      `results: ${resultStats.length} cases compared on the simulator, ${
        resultStats.length - documentedResults.length
      } equal, ${documentedResults.length} differ only as documented (${
        documentedResults.map((s) => `${s.name}: ${s.documented}`).join("; ")
      })`
    ]
    const browserIdentical = browserStats.reduce((n, s) => n + s.identical, 0)
    const browserRequests = browserStats.reduce((n, s) => n + s.requests, 0)
    lines.push(
      `browser entry (fetch): ${browserIdentical} of ${browserRequests} requests identical over ${browserStats.length} cases (the ${
        cases.length - browserStats.length
      } uploading a path are Node only), the others differing as documented`
    )
    const outcomes = new Map<string, number>()
    for (const s of resultStats) outcomes.set(s.outcome, (outcomes.get(s.outcome) ?? 0) + 1)
    lines.push(`facade outcomes on the simulator: ${[...outcomes].sort().map(([k, n]) => `${k} ×${n}`).join(", ")}`)
    console.log(lines.join("\n"))
    expect(requestStats).toHaveLength(cases.length)
    expect(identical).toBe(
      requestStats.filter((s) => s.documented.length === 0).reduce((n, s) => n + s.requests, 0) +
        requestStats.filter((s) => s.documented.length > 0).reduce((n, s) => n + s.identical, 0)
    )
    expect(identical).toBeGreaterThan(0)
  })
})
