/** OAuth clients (user and product ones). Ids are a slug of the name plus a store-owned number. */
import { slugify } from "../coerce.js"
import { randomToken, Sequence } from "../ids.js"
import type { ClientRecord } from "./types.js"

/** Clients one user (or one product) may have; more are refused with 400. */
export const MAX_CLIENTS_PER_OWNER = 1000

export class ClientStore {
  private readonly byId = new Map<string, ClientRecord>()
  private readonly numbers = new Sequence(1000)

  create(
    o: {
      name: string
      type: string
      owner: string
      productId: number | undefined
      redirectUri?: string | undefined
      scope?: string | undefined
      id?: string
      secret?: string
    }
  ): ClientRecord {
    let id = o.id
    if (id === undefined) {
      const base = slugify(o.name).slice(0, 30)
      do {
        id = `${base}-${this.numbers.next()}`
      } while (this.byId.has(id))
    } else if (this.byId.has(id)) throw new Error(`Client ${id} already exists`)
    const n = /-(\d+)$/.exec(id)
    if (n) this.numbers.bump(Number(n[1]))
    const c: ClientRecord = {
      id,
      name: o.name,
      type: o.type,
      secret: o.secret ?? randomToken(),
      owner: o.owner,
      productId: o.productId
    }
    if (o.redirectUri !== undefined) c.redirect_uri = o.redirectUri
    if (o.scope !== undefined) c.scope = o.scope
    this.byId.set(id, c)
    return c
  }

  get(id: string): ClientRecord | undefined {
    return this.byId.get(id)
  }
  remove(id: string): boolean {
    return this.byId.delete(id)
  }
  all(): Array<ClientRecord> {
    return [...this.byId.values()]
  }
}
