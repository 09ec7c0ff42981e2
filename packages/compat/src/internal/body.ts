/**
 * The body of a generic request, as particle-api-js's Agent builds it: `files` (multipart, parts `file`,
 * `file2`, … named by position, the key as filename, then the `form` fields) wins over `form`
 * (urlencoded, qs) which wins over `data` (JSON, or a `FormData` sent as multipart).
 */
import type { Input } from "@effect-particle/core"
import { Operation } from "@effect-particle/core"

/** Turns what a caller gives as a file (bytes, a Blob, a path, a stream) into what the client uploads. */
export type FileReader = (value: unknown) => Promise<Input.FileInput>

/** The files of a request, each made uploadable, keys in order. */
export const readFiles = async (
  files: Readonly<Record<string, unknown>>,
  read: FileReader
): Promise<Record<string, Input.FileInput>> => {
  const out: Record<string, Input.FileInput> = {}
  for (const key of Object.keys(files)) out[key] = await read(files[key])
  return out
}

const formFields = (form: Readonly<Record<string, unknown>> | undefined): ReadonlyArray<Operation.Part> =>
  form === undefined || form === null ?
    [] :
    Object.entries(form).flatMap(([name, value]) =>
      value === undefined ? [] : [{ _tag: "Field" as const, name, value: String(value) }]
    )

const isFormData = (u: unknown): u is FormData => typeof FormData === "function" && u instanceof FormData

const fromFormData = (data: FormData): Operation.Body => {
  const parts: Array<Operation.Part> = []
  data.forEach((value, name) => {
    if (typeof value === "string") parts.push({ _tag: "Field", name, value })
    else parts.push({ _tag: "File", name, filename: (value as File).name ?? "blob", content: value })
  })
  return Operation.multipartBody(parts)
}

/** The body of `request({ data, form, files })`, files already read. */
export const bodyOf = (o: {
  readonly data?: unknown
  readonly form?: Readonly<Record<string, unknown>> | undefined
  readonly files?: Readonly<Record<string, Input.FileInput>> | undefined
}): Operation.Body | undefined => {
  if (o.files) return Operation.multipartBody([...Operation.fileParts(o.files), ...formFields(o.form)])
  if (o.form) return Operation.formBody(o.form as Record<string, never>)
  if (o.data) return isFormData(o.data) ? fromFormData(o.data) : Operation.jsonBody(o.data)
  return undefined
}
