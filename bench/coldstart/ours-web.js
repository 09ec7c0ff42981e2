// Cold-start program (effect-particle): layerWeb (plain fetch, no @effect/platform), subpath imports of effect.
import { ParticleClient } from "@effect-particle/core"
import { getVariable } from "@effect-particle/devices"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

export const run = (base) =>
  Effect.runPromise(
    getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(
      Effect.provide(
        ParticleClient.layerWeb({
          baseUrl: base,
          accessToken: Redacted.make("0123456789abcdef0123456789abcdef01234567")
        })
      )
    )
  )
