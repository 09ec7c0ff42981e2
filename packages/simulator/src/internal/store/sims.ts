/**
 * SIM cards, keyed by ICCID, with the state machine and the data usage the SIM endpoints report.
 *
 * States (`status`): `active`, `inactive` (deactivated by its owner) and `inactive_data_limit_reached`
 * (paused: the data used this period went over `mb_limit`). `activate` / `reactivate` make a SIM active
 * again; reactivating a paused SIM needs a limit above what it used. Data usage grows with every event the
 * SIM's device publishes while the SIM is active (`MB_PER_EVENT`, a simulated figure), on top of a short
 * seeded history. Bounded: at most `MAX_SIMS` SIMs and `MAX_USAGE_DAYS` days of usage each.
 */
import { nowIso } from "../coerce.js"
import type { SimRecord } from "./types.js"

export const MAX_SIMS = 10_000
export const MAX_USAGE_DAYS = 400
/** Data an event published by the SIM's device uses, in KB (0.1 MB): simulated, so that limits can be reached. */
export const KB_PER_EVENT = 100

export const ACTIVE = "active"
export const DEACTIVATED = "inactive"
export const PAUSED = "inactive_data_limit_reached"

/** What the SIM endpoints report beyond the record itself. */
export interface SimState {
  /** KB used, by ISO day (`2024-01-15`). */
  readonly usage: Map<string, number>
  activations: number
  deactivations: number
  lastAction: string
  lastActionOn: string
  updatedAt: string
}

const day = (msAgo = 0) => new Date(Date.now() - msAgo).toISOString().slice(0, 10)

export class SimStore {
  private readonly byIccid = new Map<string, SimRecord>()
  private readonly states = new Map<string, SimState>()

  /**
   * Adds or replaces a SIM. Unless `history` is false it starts with three days of usage (0.98 MB a day),
   * as the seeded SIMs do.
   */
  put(sim: SimRecord, o: { history?: boolean } = {}): SimRecord {
    if (!this.byIccid.has(sim.iccid) && this.byIccid.size >= MAX_SIMS) {
      throw new Error(`The simulator holds at most ${MAX_SIMS} SIM cards`)
    }
    this.byIccid.set(sim.iccid, sim)
    const usage = new Map<string, number>()
    if (o.history ?? true) { for (let i = 2; i >= 0; i--) usage.set(day(i * 86_400_000), 980) }
    this.states.set(sim.iccid, {
      usage,
      activations: sim.status === ACTIVE ? 1 : 0,
      deactivations: 0,
      lastAction: sim.status === ACTIVE ? "activate" : "deactivate",
      lastActionOn: sim.activatedOn,
      updatedAt: sim.activatedOn
    })
    return sim
  }
  get(iccid: string): SimRecord | undefined {
    return this.byIccid.get(iccid)
  }
  state(sim: SimRecord): SimState {
    return this.states.get(sim.iccid)!
  }
  remove(iccid: string): boolean {
    this.states.delete(iccid)
    return this.byIccid.delete(iccid)
  }
  all(): Array<SimRecord> {
    return [...this.byIccid.values()]
  }
  get size(): number {
    return this.byIccid.size
  }
  ofProduct(productId: number): Array<SimRecord> {
    return this.all().filter((s) => s.productId === productId)
  }
  /** The user's own SIMs (not product SIMs). */
  ofUser(username: string): Array<SimRecord> {
    return this.all().filter((s) => s.owner === username && s.productId === undefined)
  }
  /** The SIM in a device, if any. */
  ofDevice(deviceId: string): SimRecord | undefined {
    for (const s of this.byIccid.values()) if (s.deviceId === deviceId) return s
    return undefined
  }
  moveOwner(from: string, to: string): void {
    for (const s of this.byIccid.values()) if (s.owner === from) s.owner = to
  }

  /** KB used this billing period (the simulator's period is everything it recorded). */
  usedKb(sim: SimRecord): number {
    let total = 0
    for (const kb of this.state(sim).usage.values()) total += kb
    return total
  }

  /** `usage_by_day`, oldest first, in MB with two decimals. */
  usageByDay(sim: SimRecord): Array<{ date: string; mbs_used: number; mbs_used_cumulative: number }> {
    const days = [...this.state(sim).usage.entries()].sort(([a], [b]) => a.localeCompare(b))
    let cumulative = 0
    return days.map(([date, kb]) => {
      cumulative += kb
      return { date, mbs_used: mb(kb), mbs_used_cumulative: mb(cumulative) }
    })
  }

  private record(sim: SimRecord, action: string): void {
    const s = this.state(sim)
    s.lastAction = action
    s.lastActionOn = nowIso()
    s.updatedAt = s.lastActionOn
  }

  /** The SIM's device used data (an event while active); a SIM over its limit pauses. */
  consume(sim: SimRecord, kb: number): void {
    if (sim.status !== ACTIVE) return
    const usage = this.state(sim).usage
    const today = day()
    usage.set(today, (usage.get(today) ?? 0) + kb)
    while (usage.size > MAX_USAGE_DAYS) usage.delete([...usage.keys()].sort()[0]!)
    this.pauseIfOver(sim)
  }

  private pauseIfOver(sim: SimRecord): void {
    if (sim.status === ACTIVE && sim.mbLimit !== null && this.usedKb(sim) > sim.mbLimit * 1000) {
      sim.status = PAUSED
      this.record(sim, "pause")
    }
  }

  activate(sim: SimRecord): void {
    if (sim.status === ACTIVE) return
    sim.status = ACTIVE
    sim.activatedOn = nowIso()
    this.state(sim).activations++
    this.record(sim, "activate")
    this.pauseIfOver(sim)
  }

  deactivate(sim: SimRecord): void {
    if (sim.status === DEACTIVATED) return
    sim.status = DEACTIVATED
    this.state(sim).deactivations++
    this.record(sim, "deactivate")
  }

  /** Sets the monthly limit (MB, or null for none); an active SIM already over it pauses at once. */
  setLimit(sim: SimRecord, mbLimit: number | null): void {
    sim.mbLimit = mbLimit
    this.state(sim).updatedAt = nowIso()
    this.pauseIfOver(sim)
  }

  /** Reactivates a deactivated SIM or unpauses a paused one (the caller checks the limit first). */
  reactivate(sim: SimRecord): void {
    if (sim.status === ACTIVE) return
    sim.status = ACTIVE
    this.state(sim).activations++
    this.record(sim, "reactivate")
  }
}

export const mb = (kb: number): number => Math.round(kb / 10) / 100
