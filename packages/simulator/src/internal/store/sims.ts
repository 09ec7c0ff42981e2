/** SIM cards, keyed by ICCID. */
import type { SimRecord } from "./types.js"

export class SimStore {
  private readonly byIccid = new Map<string, SimRecord>()

  /** Adds or replaces a SIM. */
  put(sim: SimRecord): SimRecord {
    this.byIccid.set(sim.iccid, sim)
    return sim
  }
  get(iccid: string): SimRecord | undefined { return this.byIccid.get(iccid) }
  remove(iccid: string): boolean { return this.byIccid.delete(iccid) }
  all(): Array<SimRecord> { return [...this.byIccid.values()] }
  ofProduct(productId: number): Array<SimRecord> { return this.all().filter((s) => s.productId === productId) }
  /** The user's own SIMs (not product SIMs). */
  ofUser(username: string): Array<SimRecord> { return this.all().filter((s) => s.owner === username && s.productId === undefined) }
  moveOwner(from: string, to: string): void {
    for (const s of this.byIccid.values()) if (s.owner === from) s.owner = to
  }
}
