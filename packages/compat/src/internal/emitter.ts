/**
 * A small `EventEmitter` for platforms without `node:events` (browsers, workers): `on`, `once`, `off`,
 * `emit`, … with Node's semantics where they matter (`newListener`, an `error` without listeners throws).
 */

type Listener = (...args: Array<any>) => void

/** What the event stream needs of an emitter class; Node's `EventEmitter` has it all. */
export interface EmitterLike {
  on(event: string | symbol, listener: Listener): this
  addListener(event: string | symbol, listener: Listener): this
  prependListener(event: string | symbol, listener: Listener): this
  once(event: string | symbol, listener: Listener): this
  off(event: string | symbol, listener: Listener): this
  removeListener(event: string | symbol, listener: Listener): this
  removeAllListeners(event?: string | symbol): this
  emit(event: string | symbol, ...args: Array<any>): boolean
  listeners(event: string | symbol): Array<Function>
  listenerCount(event: string | symbol): number
}

/** A constructor of emitters. */
export type EmitterClass = new() => EmitterLike

interface Registered {
  readonly listener: Listener
  readonly once: boolean
}

/** The emitter of the browser entry. */
export class MiniEmitter implements EmitterLike {
  private readonly table = new Map<string | symbol, Array<Registered>>()

  private add(event: string | symbol, listener: Listener, once: boolean, prepend: boolean): this {
    if (typeof listener !== "function") throw new TypeError("The listener must be a function")
    if (this.table.has("newListener")) this.emit("newListener", event, listener)
    const list = this.table.get(event) ?? []
    const entry = { listener, once }
    this.table.set(event, prepend ? [entry, ...list] : [...list, entry])
    return this
  }
  on(event: string | symbol, listener: Listener): this {
    return this.add(event, listener, false, false)
  }
  addListener(event: string | symbol, listener: Listener): this {
    return this.add(event, listener, false, false)
  }
  prependListener(event: string | symbol, listener: Listener): this {
    return this.add(event, listener, false, true)
  }
  once(event: string | symbol, listener: Listener): this {
    return this.add(event, listener, true, false)
  }
  off(event: string | symbol, listener: Listener): this {
    return this.removeListener(event, listener)
  }
  removeListener(event: string | symbol, listener: Listener): this {
    const list = this.table.get(event)
    if (list === undefined) return this
    const i = list.findIndex((r) => r.listener === listener)
    if (i === -1) return this
    const next = [...list.slice(0, i), ...list.slice(i + 1)]
    if (next.length === 0) this.table.delete(event)
    else this.table.set(event, next)
    return this
  }
  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.table.clear()
    else this.table.delete(event)
    return this
  }
  emit(event: string | symbol, ...args: Array<any>): boolean {
    const list = this.table.get(event)
    if (list === undefined || list.length === 0) {
      if (event === "error") throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error: ${String(args[0])}`)
      return false
    }
    for (const { listener, once } of list) {
      if (once) this.removeListener(event, listener)
      listener.apply(this, args)
    }
    return true
  }
  listeners(event: string | symbol): Array<Function> {
    return (this.table.get(event) ?? []).map((r) => r.listener)
  }
  listenerCount(event: string | symbol): number {
    return this.table.get(event)?.length ?? 0
  }
}
