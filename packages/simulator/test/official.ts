/**
 * The shared setup of the fidelity suites (`official-*.test.ts`): particle-api-js 12.0.3, unchanged,
 * against one simulator per file, reset before every test.
 */
import { createRequire } from "node:module"
import { afterAll, beforeEach } from "vitest"
import { Simulator } from "../src/index.js"
import type { Sim } from "./helpers.js"

/** The official client's constructor (CommonJS, untyped: the suites exercise it as its users do). */
export const Particle = createRequire(import.meta.url)("particle-api-js") as new(o: Record<string, unknown>) => any

export interface OfficialSuite {
  readonly sim: Sim
  /** One client for the file: it keeps no state between calls (no test sets a default token). */
  readonly api: any
  /** The seeded user's token (stable across resets). */
  readonly auth: string
  readonly lastRequest: () => ReturnType<Sim["requests"]>[number]
}

/** Starts the file's simulator (closed after the file, reset before each test) and its client. */
export const officialSuite = async (options?: Simulator.SimulatorOptions): Promise<OfficialSuite> => {
  const sim = await Simulator.start(options)
  afterAll(() => sim.close())
  beforeEach(() => sim.reset())
  return {
    sim,
    api: new Particle({ baseUrl: sim.url }),
    auth: sim.accessToken,
    lastRequest: () => sim.requests().at(-1)!
  }
}

/** The error a promise rejects with; fails the test when it resolves. */
export const rejection = async (p: Promise<unknown>): Promise<any> => {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error("expected a rejection")
}
