/** Identifier formats of the Particle Cloud, and per-store generators (no module-level counters). */
import { randomBytes, randomUUID } from "node:crypto"

/** 40 lowercase hex characters, the format of Particle access and refresh tokens. */
export const randomToken = (): string => randomBytes(20).toString("hex")

export const isDeviceId = (s: string): boolean => /^[0-9a-f]{24}$/i.test(s)

/** A version-4 UUID (Logic function, trigger and run ids). */
export const uuid = (): string => randomUUID()

/** Mongo-style ObjectIds (user, binary, firmware ids); one generator per store instance. */
export class ObjectIds {
  private counter = Math.floor(Math.random() * 0xffffff)
  private readonly machine = randomBytes(5).toString("hex")

  next(): string {
    this.counter = (this.counter + 1) & 0xffffff
    const time = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0")
    return time + this.machine + this.counter.toString(16).padStart(6, "0")
  }
}

/** A monotonically increasing counter starting after `start`, skipping values `taken` reports as used. */
export class Sequence {
  constructor(private value: number) {}

  next(taken: (n: number) => boolean = () => false): number {
    do {
      this.value++
    } while (taken(this.value))
    return this.value
  }

  /** Makes sure the next value is above `n` (for explicitly given ids). */
  bump(n: number): void {
    if (n > this.value) this.value = n
  }
}
