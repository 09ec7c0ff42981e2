/** application/x-www-form-urlencoded (bodies and query strings). */

/** Parsed fields; a prototype-free object, so any key (`__proto__` included) is an ordinary field. */
export type Params = Record<string, string | Array<string>>

const safeDecode = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "))
  } catch {
    return undefined
  }
}

/**
 * Repeated keys and `key[]` / `key[0]` forms become arrays under the bare key.
 * Returns undefined when a component has invalid percent-encoding.
 */
export const parseUrlEncoded = (raw: string): Params | undefined => {
  const out: Params = Object.create(null) as Params
  if (raw.length === 0) return out
  for (const pair of raw.split("&")) {
    if (pair.length === 0) continue
    const eq = pair.indexOf("=")
    const k = safeDecode(eq === -1 ? pair : pair.slice(0, eq))
    const v = safeDecode(eq === -1 ? "" : pair.slice(eq + 1))
    if (k === undefined || v === undefined) return undefined
    const m = /^(.+?)\[(\d*)\]$/.exec(k)
    const key = m ? m[1]! : k
    const prev = out[key]
    if (prev === undefined) out[key] = m !== null ? [v] : v
    else if (Array.isArray(prev)) prev.push(v)
    else out[key] = [prev, v]
  }
  return out
}
