/**
 * What the two entries share of their platforms: reading upload contents that the client does not take as
 * they are (an `ArrayBuffer`, a stream of bytes).
 */
import type { Input } from "@effect-particle/core"

const isAsyncIterable = (u: unknown): u is AsyncIterable<unknown> =>
  typeof u === "object" && u !== null && typeof (u as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] ===
    "function"

const concat = (chunks: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

/**
 * Bytes, `Blob`s and paths as they are; an `ArrayBuffer` as bytes; a stream (a Node `Readable`, any async
 * iterable of bytes or strings) read whole. Anything else is passed on, for the operation to refuse.
 */
export const readUpload = async (value: unknown): Promise<Input.FileInput> => {
  if (typeof value === "string" || value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (typeof Blob !== "undefined" && value instanceof Blob) return value
  if (isAsyncIterable(value)) {
    const chunks: Array<Uint8Array> = []
    const encoder = new TextEncoder()
    for await (const chunk of value) {
      chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : new Uint8Array(chunk as ArrayBufferLike))
    }
    return concat(chunks)
  }
  return value as Input.FileInput
}
