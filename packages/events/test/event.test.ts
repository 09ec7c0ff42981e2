import { Event } from "@effect-particle/events"
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"

const wire = {
  data: "25.34",
  ttl: 60,
  published_at: "2015-07-18T00:12:18.174Z",
  coreid: "0123456789abcdef01234567"
}

describe("Event", () => {
  it("decodes Particle's event JSON, name from the event: line, published_at as a Date", () => {
    const result = Event.decode("temperature", JSON.stringify(wire))
    expect(Either.isRight(result)).toBe(true)
    const event = Either.getOrThrow(result)
    expect(event).toEqual({
      _tag: "Event",
      name: "temperature",
      data: "25.34",
      ttl: 60,
      published_at: new Date("2015-07-18T00:12:18.174Z"),
      coreid: "0123456789abcdef01234567"
    })
    expect(event.published_at).toBeInstanceOf(Date)
  })

  it("accepts ttl as the string \"60\", null data, and the product fields", () => {
    const event = Either.getOrThrow(
      Event.decode("x", JSON.stringify({ ...wire, ttl: "60", data: null, userid: "u1", productID: 4242, version: 3 }))
    )
    expect(event.ttl).toBe(60)
    expect(event.data).toBeNull()
    expect([event.userid, event.productID, event.version]).toEqual(["u1", 4242, 3])
  })

  it("non-JSON data is a MalformedEvent InvalidJson carrying the raw data", () => {
    const result = Event.decode("hook-response/x/0", "<html>oops</html>")
    expect(Either.isLeft(result)).toBe(true)
    const error = Either.flip(result).pipe(Either.getOrThrow)
    expect(error).toBeInstanceOf(Event.MalformedEvent)
    expect(error._tag).toBe("MalformedEvent")
    expect([error.reason, error.name, error.data]).toEqual(["InvalidJson", "hook-response/x/0", "<html>oops</html>"])
  })

  it("JSON that is not a Particle event is a MalformedEvent InvalidEvent naming the field", () => {
    const missing = Either.flip(Event.decode("e", JSON.stringify({ ...wire, coreid: undefined }))).pipe(
      Either.getOrThrow
    )
    expect(missing.reason).toBe("InvalidEvent")
    expect(missing.issue).toBe("coreid is missing")
    const badDate = Either.flip(Event.decode("e", JSON.stringify({ ...wire, published_at: "yesterday" }))).pipe(
      Either.getOrThrow
    )
    expect(badDate.issue).toMatch(/^published_at /)
    const notObject = Either.flip(Event.decode("e", "[1,2]")).pipe(Either.getOrThrow)
    expect(notObject.reason).toBe("InvalidEvent")
  })

  it("property: the fast decoder and the ParticleEvent schema agree on every input", () => {
    const field = <A>(arb: fc.Arbitrary<A>) => fc.option(arb, { nil: undefined, freq: 4 })
    const anything = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null))
    const objectArb = fc.record({
      data: field(fc.oneof(fc.string(), fc.constant(null), anything)),
      ttl: field(fc.oneof(fc.integer(), fc.constantFrom("60", "x", ""), anything)),
      published_at: field(
        fc.oneof(
          fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom("not a date", ""),
          anything
        )
      ),
      coreid: field(fc.oneof(fc.hexaString({ minLength: 24, maxLength: 24 }), anything)),
      userid: field(anything),
      productID: field(anything),
      version: field(anything),
      extra: field(anything)
    })
    fc.assert(
      fc.property(fc.string(), objectArb, (name, object) => {
        const json = JSON.stringify(object)
        const fast = Event.decode(name, json)
        const slow = Event.decodeWithSchema(name, JSON.parse(json))
        expect(Either.isRight(fast)).toBe(Either.isRight(slow))
        if (Either.isRight(fast) && Either.isRight(slow)) expect(fast.right).toEqual(slow.right)
      }),
      { numRuns: 2000 }
    )
  })

  it("encodes back to the wire shape", () => {
    const event = Either.getOrThrow(Event.decode("t", JSON.stringify(wire)))
    expect(Schema.encodeSync(Event.ParticleEvent)(event)).toEqual({ ...wire, name: "t" })
  })
})

describe("published_at fast path", () => {
  it("reads Particle's timestamp format exactly as Date does, including out-of-range fields", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, "0")
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`
          const decoded = Event.decode("e", JSON.stringify({ ...wire, published_at: text }))
          const expected = new Date(text)
          if (Number.isNaN(expected.getTime())) return Either.isLeft(decoded)
          return Either.isRight(decoded) && decoded.right.published_at.getTime() === expected.getTime()
        }
      ),
      { numRuns: 3000 }
    )
  })
})
