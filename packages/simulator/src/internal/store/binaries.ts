/** Compiled binaries, downloadable by id for a day. */
import type { ObjectIds } from "../ids.js"
import type { BinaryRecord } from "./types.js"

export const BINARY_LIFETIME_MS = 86_400_000

export class BinaryStore {
  private readonly byId = new Map<string, BinaryRecord>()

  constructor(private readonly ids: ObjectIds) {}

  add(data: Uint8Array, owner: string): BinaryRecord {
    let id: string
    do {
      id = this.ids.next()
    } while (this.byId.has(id))
    const b: BinaryRecord = { id, data, owner, expiresAt: new Date(Date.now() + BINARY_LIFETIME_MS).toISOString() }
    this.byId.set(id, b)
    return b
  }

  get(id: string): BinaryRecord | undefined {
    return this.byId.get(id)
  }
}
