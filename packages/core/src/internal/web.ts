// What the two fetch-based transports (the fetch layer and layerWeb) share about the web platform.
import { concatBytes } from "./transport.js"

/** A page or a worker of a browser (not Node, Deno or Bun). */
export const isBrowser = (): boolean =>
  typeof (globalThis as { document?: unknown }).document !== "undefined" ||
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined"

/** In a browser, what a network failure may be: it cannot tell a CORS refusal from one. */
export const corsHint = (): string | undefined =>
  isBrowser() ? "the network failed, or the API did not allow this page's origin (CORS)" : undefined

/** Reads a whole web `Response` body, or `undefined` as soon as it grows past `maxBytes` (then cancelled). */
export const readCapped = async (response: Response, maxBytes: number): Promise<Uint8Array | undefined> => {
  const body = response.body
  if (body === null) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Array<Uint8Array> = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  return concatBytes(chunks, size)
}
