/**
 * An order-independent router. Patterns are `/`-separated segments: a literal, a `:name` parameter (one
 * segment) or a final `*name` rest parameter (one or more segments). Resolution never depends on the order
 * routes were added: at each segment a literal beats a parameter, and a parameter beats a rest parameter
 * (leftmost segment first, backtracking when a branch has no route for the method). Adding a route with the
 * same method and the same shape as an existing one (same literals, parameters in the same places, whatever
 * their names) throws.
 */

export type Params = Record<string, string>

export interface RouteEntry<H> {
  readonly method: string
  /** The pattern as registered, normalised: `/v1/devices/:id/:name`, `/v1/events/*prefix`. */
  readonly pattern: string
  readonly handler: H
}

interface Leaf<H> {
  readonly entry: RouteEntry<H>
  /** The parameter names, in segment order. */
  readonly names: ReadonlyArray<string>
}

interface Node<H> {
  readonly literals: Map<string, Node<H>>
  param: Node<H> | undefined
  rest: Node<H> | undefined
  readonly leaves: Map<string, Leaf<H>>
}

const newNode = <H>(): Node<H> => ({ literals: new Map(), param: undefined, rest: undefined, leaves: new Map() })

export const splitPath = (path: string): Array<string> => path.split("/").filter((s) => s.length > 0)

/** The shape of a pattern: literals kept, parameters anonymised (`/v1/devices/:/:`). */
const shapeOf = (segs: ReadonlyArray<string>): string =>
  "/" + segs.map((s) => (s.startsWith(":") ? ":" : s.startsWith("*") ? "*" : s)).join("/")

export interface Match<H> {
  readonly entry: RouteEntry<H>
  readonly params: Params
}

export class Router<H> {
  private readonly root: Node<H> = newNode()
  private readonly list: Array<RouteEntry<H>> = []

  /** Every route, in registration order. */
  get entries(): ReadonlyArray<RouteEntry<H>> {
    return this.list
  }

  add(method: string, pattern: string, handler: H): void {
    const m = method.toUpperCase()
    const segs = splitPath(pattern)
    const names: Array<string> = []
    let node = this.root
    segs.forEach((s, i) => {
      if (s.startsWith(":") || s.startsWith("*")) {
        const name = s.slice(1)
        if (name.length === 0) throw new Error(`Route ${m} ${pattern}: unnamed parameter`)
        if (names.includes(name)) throw new Error(`Route ${m} ${pattern}: parameter ${name} appears twice`)
        names.push(name)
        if (s.startsWith("*")) {
          if (i !== segs.length - 1) throw new Error(`Route ${m} ${pattern}: a rest parameter must be last`)
          node = node.rest ??= newNode()
        } else node = node.param ??= newNode()
      } else {
        let next = node.literals.get(s)
        if (next === undefined) {
          next = newNode()
          node.literals.set(s, next)
        }
        node = next
      }
    })
    const existing = node.leaves.get(m)
    if (existing !== undefined) {
      throw new Error(`Duplicate route ${m} ${pattern}: same shape ${shapeOf(segs)} as ${m} ${existing.entry.pattern}`)
    }
    const entry: RouteEntry<H> = { method: m, pattern: "/" + segs.join("/"), handler }
    node.leaves.set(m, { entry, names })
    this.list.push(entry)
  }

  /** The route for `method` and the (decoded) path segments. HEAD falls back to GET. */
  match(method: string, segs: ReadonlyArray<string>): Match<H> | undefined {
    const m = method.toUpperCase()
    const found = this.find(m, segs) ?? (m === "HEAD" ? this.find("GET", segs) : undefined)
    return found
  }

  /** Every method some route answers for this path (for `Allow` and CORS preflights). */
  methodsFor(segs: ReadonlyArray<string>): Set<string> {
    const out = new Set<string>()
    const walk = (node: Node<H>, i: number): void => {
      if (i === segs.length) {
        for (const k of node.leaves.keys()) out.add(k)
        return
      }
      const lit = node.literals.get(segs[i]!)
      if (lit) walk(lit, i + 1)
      if (node.param) walk(node.param, i + 1)
      if (node.rest) { for (const k of node.rest.leaves.keys()) out.add(k) }
    }
    walk(this.root, 0)
    if (out.has("GET")) out.add("HEAD")
    return out
  }

  private find(method: string, segs: ReadonlyArray<string>): Match<H> | undefined {
    const values: Array<string> = []
    const leafAt = (node: Node<H>, i: number): Leaf<H> | undefined => {
      if (i === segs.length) return node.leaves.get(method)
      const lit = node.literals.get(segs[i]!)
      if (lit) {
        const hit = leafAt(lit, i + 1)
        if (hit) return hit
      }
      if (node.param) {
        values.push(segs[i]!)
        const hit = leafAt(node.param, i + 1)
        if (hit) return hit
        values.pop()
      }
      if (node.rest) {
        const hit = node.rest.leaves.get(method)
        if (hit) {
          values.push(segs.slice(i).join("/"))
          return hit
        }
      }
      return undefined
    }
    const leaf = leafAt(this.root, 0)
    if (leaf === undefined) return undefined
    const params: Params = Object.create(null) as Params
    leaf.names.forEach((n, i) => {
      params[n] = values[i]!
    })
    return { entry: leaf.entry, params }
  }
}
