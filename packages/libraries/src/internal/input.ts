import * as Schema from "effect/Schema"

/** A page size of the libraries endpoints: 1 to 100. */
export const Limit = /*#__PURE__*/ Schema.Number.pipe(
  Schema.int({ message: () => "must be an integer from 1 to 100" }),
  Schema.between(1, 100, { message: () => "must be an integer from 1 to 100" })
)

/** An array is sent comma-joined, as particle-api-js sends it. */
export const list = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  value === undefined ? undefined : typeof value === "string" ? value : value.join(",")
