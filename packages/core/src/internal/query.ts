/**
 * Query and form serialisation compatible with `qs.stringify` defaults, which is what particle-api-js
 * sends: `undefined` dropped, `null` → `key=`, arrays → `key[0]=a&key[1]=b`, nested objects →
 * `key[sub]=v`, RFC 3986 percent-encoding (so `,` → `%2C`, space → `%20`).
 */

export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | Date
  | ReadonlyArray<QueryValue>
  | { readonly [key: string]: QueryValue }

const unreserved = /[!'()*]/g

export const encode = (s: string): string =>
  encodeURIComponent(s).replace(unreserved, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())

const append = (out: Array<string>, key: string, value: QueryValue): void => {
  if (value === undefined) return
  if (value === null) {
    out.push(encode(key) + "=")
  } else if (value instanceof Date) {
    out.push(encode(key) + "=" + encode(value.toISOString()))
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) append(out, `${key}[${i}]`, value[i])
  } else if (typeof value === "object") {
    for (const sub of Object.keys(value)) append(out, `${key}[${sub}]`, (value as Record<string, QueryValue>)[sub])
  } else {
    out.push(encode(key) + "=" + encode(String(value)))
  }
}

export const stringify = (params: { readonly [key: string]: QueryValue }): string => {
  const out: Array<string> = []
  for (const key of Object.keys(params)) append(out, key, params[key])
  return out.join("&")
}
