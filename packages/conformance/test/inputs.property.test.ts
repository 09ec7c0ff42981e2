// Properties every exported operation of every domain package must hold, whatever its options:
// - no value of a path parameter changes the route (dot segments, slashes, encoded dots, queries, fragments
//   stay inside one segment, or the call is an InvalidInput);
// - no options, however malformed, make an operation die: it succeeds or fails with a ParticleError.
import { Operation, ParticleError } from "@effect-particle/core"
import * as Testing from "@effect-particle/testing"
import { describe, expect, it, layer } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as TestServices from "effect/TestServices"
import { type Exported, exportedOperations } from "./domains.js"

const operations = await exportedOperations()

const show = (u: unknown): string => {
  try {
    return JSON.stringify(u) ?? typeof u
  } catch {
    return typeof u
  }
}

const hostile = [
  "..",
  ".",
  "%2e%2e",
  "%2E",
  "a/b",
  "../../v1/devices",
  "x?access_token=1",
  "x#frag",
  "a b",
  "é/../",
  "\\..\\",
  "__proto__",
  "constructor",
  "x".repeat(300)
]

/** A regular expression of a route template: each placeholder is exactly one segment. */
const routeRegex = (template: string): RegExp =>
  new RegExp(
    "^" +
      template.split(/(\{\/?\w+\})/).map((part) =>
        part.startsWith("{/")
          ? "(?:/[^/?#]+)?"
          : part.startsWith("{")
          ? "[^/?#]+"
          : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      ).join("") + "$"
  )

const placeholders = (template: string): ReadonlyArray<string> =>
  [...template.matchAll(/\{\/?(\w+)\}/g)].map((m) => m[1]!)

/**
 * The operation with its input schema replaced by one that accepts anything: its real routes and core's
 * route building, fed values no schema would let through (the schemas are a second line of defence).
 */
const unchecked = (exported: Exported): Operation.Any =>
  Operation.make({ ...exported.definition, input: Schema.Unknown }) as Operation.Any

describe("path parameters never change the route", () => {
  it("for every operation, every hostile value of every placeholder: one segment, or InvalidInput", () => {
    let checked = 0
    for (const exported of operations) {
      const templates = Operation.routes(exported.definition).filter((t) => !/^\{\w+\}$/.test(t))
      const fields = [...new Set(templates.flatMap(placeholders))]
      if (fields.length === 0) continue
      const operation = unchecked(exported)
      const regexes = templates.map(routeRegex)
      // every placeholder gets a plain value, then one of them a hostile one
      const plain = Object.fromEntries(fields.map((f) => [f, "x1"]))
      FastCheck.assert(
        FastCheck.property(
          FastCheck.constantFrom(...fields),
          FastCheck.oneof(FastCheck.constantFrom(...hostile), FastCheck.string(), FastCheck.integer()),
          FastCheck.subarray(fields),
          (field, value, absent) => {
            const options: Record<string, unknown> = { ...plain, [field]: value }
            for (const f of absent) if (f !== field) delete options[f]
            const result = Operation.requestPath(operation, options)
            if (Either.isLeft(result)) {
              expect(result.left._tag).toBe("InvalidInput")
              return
            }
            checked++
            const path = result.right
            expect(regexes.some((r) => r.test(path)), `${exported.name}: ${path}`).toBe(true)
            for (const segment of path.split("/")) {
              const decoded = decodeURIComponent(segment)
              expect(decoded === "." || decoded === "..", `${exported.name}: dot segment in ${path}`).toBe(false)
            }
          }
        ),
        { numRuns: 50 }
      )
    }
    expect(checked).toBeGreaterThan(operations.length * 20)
  })
})

layer(Testing.layer())("no options make an operation die", (it) => {
  it.effect(
    "garbage, nulls, arrays and polluted prototypes: success or a ParticleError, never a defect",
    () =>
      Effect.gen(function*() {
        const garbage = FastCheck.oneof(
          FastCheck.anything(),
          FastCheck.constantFrom(
            null,
            undefined,
            0,
            "",
            [],
            {},
            Object.create(null),
            JSON.parse(`{"__proto__":{"product":"x"}}`)
          )
        )
        let calls = 0
        for (const exported of operations) {
          const operation = exported.operation
          if (operation === undefined) continue
          for (const options of FastCheck.sample(garbage, 12)) {
            calls++
            const exit = yield* Effect.exit(
              Effect.scoped(operation(options as never) as Effect.Effect<unknown, unknown>).pipe(
                TestServices.provideLive,
                Effect.timeout("30 seconds")
              )
            )
            if (Exit.isSuccess(exit)) continue
            expect(Cause.isDie(exit.cause), `${exported.name} died on ${show(options)}: ${Cause.pretty(exit.cause)}`)
              .toBe(false)
            const failure = Cause.failureOption(exit.cause)
            if (failure._tag === "Some") {
              expect(ParticleError.isParticleError(failure.value), `${exported.name}: ${show(failure.value)}`).toBe(
                true
              )
            }
          }
        }
        expect(calls).toBeGreaterThan(operations.length * 8)
      }),
    { timeout: 600_000 }
  )
})
