import * as Effect from "effect/Effect"
import type { FileInput } from "../Input.js"
import * as E from "../ParticleError.js"
import * as Query from "./query.js"

/** One part of a multipart body: a file (`content` is bytes, a Blob or a Node path) or a text field. */
export type Part =
  | {
    readonly _tag: "File"
    readonly name: string
    readonly filename: string
    readonly content: FileInput
    /** The largest accepted size; a larger file is an `InvalidInput` before any request. */
    readonly maxBytes?: number | undefined
  }
  | { readonly _tag: "Field"; readonly name: string; readonly value: string }

/** The request body of an operation, as data. */
export type Body =
  | { readonly _tag: "Json"; readonly value: unknown; readonly contentType: string }
  | { readonly _tag: "Form"; readonly value: { readonly [key: string]: Query.QueryValue } }
  | { readonly _tag: "Multipart"; readonly parts: ReadonlyArray<Part> }

/** A body ready for the wire. */
export interface Encoded {
  readonly contentType: string
  readonly content: string | Uint8Array
}

export type ReadFile = (path: string) => Promise<Uint8Array>

const readPart = (
  part: Extract<Part, { _tag: "File" }>,
  readFile: ReadFile | undefined
): Effect.Effect<Blob, E.InvalidInput> =>
  Effect.flatMap(readContent(part, readFile), (blob) =>
    part.maxBytes !== undefined && blob.size > part.maxBytes
      ? Effect.fail(
        E.invalidInput(`files.${part.filename}`, `is ${blob.size} bytes, more than the ${part.maxBytes} accepted`)
      )
      : Effect.succeed(blob))

const readContent = (
  part: Extract<Part, { _tag: "File" }>,
  readFile: ReadFile | undefined
): Effect.Effect<Blob, E.InvalidInput> => {
  const content = part.content
  if (typeof content !== "string") {
    return Effect.succeed(content instanceof Uint8Array ? new Blob([content as BlobPart]) : content)
  }
  if (readFile === undefined) {
    return Effect.fail(
      E.invalidInput(
        `files.${part.filename}`,
        "is a file path, which needs the Node layer (@effect-particle/core/node)"
      )
    )
  }
  return Effect.tryPromise({
    try: () => readFile(content).then((bytes) => new Blob([bytes as BlobPart])),
    catch: (cause) =>
      E.invalidInput(`files.${part.filename}`, `cannot be read: ${(cause as Error)?.message ?? String(cause)}`)
  })
}

/** Encodes a multipart body with the platform's `FormData` (it picks the boundary). */
const multipart = (
  parts: ReadonlyArray<Part>,
  readFile: ReadFile | undefined
): Effect.Effect<Encoded, E.InvalidInput> =>
  Effect.gen(function*() {
    const form = new FormData()
    for (const part of parts) {
      if (part._tag === "Field") form.append(part.name, part.value)
      else form.append(part.name, yield* readPart(part, readFile), part.filename)
    }
    const encoded = new Response(form)
    const bytes = yield* Effect.promise(() => encoded.arrayBuffer())
    return { contentType: encoded.headers.get("content-type")!, content: new Uint8Array(bytes) }
  })

export const encode = (body: Body, readFile: ReadFile | undefined): Effect.Effect<Encoded, E.InvalidInput> => {
  switch (body._tag) {
    case "Json":
      return Effect.succeed({ contentType: body.contentType, content: JSON.stringify(body.value) ?? "null" })
    case "Form":
      return Effect.succeed({ contentType: "application/x-www-form-urlencoded", content: Query.stringify(body.value) })
    case "Multipart":
      return multipart(body.parts, readFile)
  }
}
