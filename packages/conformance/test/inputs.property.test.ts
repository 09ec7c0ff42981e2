// Properties every exported operation of every domain package must hold, whatever its options:
// - no value of a path parameter changes the route (dot segments, slashes, encoded dots, queries, fragments
//   stay inside one segment, or the call is an InvalidInput);
// - no options, however malformed, make an operation die: it succeeds or fails with a ParticleError.
import { Operation, ParticleError } from "@effect-particle/core"
import * as Testing from "@effect-particle/testing"
import { describe, expect, it, layer } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import { type Exported, exportedOperations } from "./domains.js"

const operations = await exportedOperations()

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

/** Valid-looking options for an operation, from its input schema where it can make them. */
const arbitraryOptions = (exported: Exported): FastCheck.Arbitrary<Record<string, unknown>> | undefined => {
  try {
    return Arbitrary.make(exported.definition.input as any) as FastCheck.Arbitrary<Record<string, unknown>>
  } catch {
    return undefined
  }
}

describe("path parameters never change the route", () => {
  it("for every operation whose options can be generated, every hostile value of every placeholder", () => {
    let checked = 0
    let withArbitrary = 0
    for (const exported of operations) {
      const { definition } = exported
      const templates = Operation.routes(definition).filter((t) => !/^\{\w+\}$/.test(t))
      const fields = [...new Set(templates.flatMap(placeholders))]
      const arbitrary = arbitraryOptions(exported)
      if (arbitrary === undefined || fields.length === 0) continue
      withArbitrary++
      const regexes = templates.map(routeRegex)
      FastCheck.assert(
        FastCheck.property(
          arbitrary,
          FastCheck.constantFrom(...fields),
          FastCheck.constantFrom(...hostile),
          (options, field, value) => {
            const result = Operation.requestPath(exported as any, { ...options, [field]: value })
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
        { numRuns: 30 }
      )
    }
    // most operations' options can be generated from their schemas (not those with Blob or Redacted fields)
    expect(withArbitrary).toBeGreaterThan(operations.length / 2)
    expect(checked).toBeGreaterThan(500)
  })
})

layer(Testing.layer())("no options make an operation die", (it) => {
  it.effect(
    "garbage, nulls, arrays, polluted prototypes and near-valid options: success or a ParticleError",
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
          const near = arbitraryOptions(exported)
          for (const options of FastCheck.sample(near === undefined ? garbage : FastCheck.oneof(garbage, near), 12)) {
            calls++
            const exit = yield* Effect.exit(
              Effect.scoped(operation(options as never) as Effect.Effect<unknown, unknown>).pipe(
                Effect.timeout("30 seconds")
              )
            )
            if (Exit.isSuccess(exit)) continue
            expect(Cause.isDie(exit.cause), `${exported.name} died on ${String(options)}: ${Cause.pretty(exit.cause)}`)
              .toBe(false)
            const failure = Cause.failureOption(exit.cause)
            if (failure._tag === "Some") {
              expect(ParticleError.isParticleError(failure.value), `${exported.name}: ${String(failure.value)}`).toBe(
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
