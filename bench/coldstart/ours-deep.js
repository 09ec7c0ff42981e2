// Cold-start program (effect-particle) with subpath imports of effect (`effect/Effect`, `effect/Redacted`).
import * as NodeParticle from "@effect-particle/core/node"
import { getVariable } from "@effect-particle/devices"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

export const run = (base) =>
  Effect.runPromise(
    getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(
      Effect.provide(
        NodeParticle.layer({ baseUrl: base, accessToken: Redacted.make("0123456789abcdef0123456789abcdef01234567") })
      )
    )
  )
