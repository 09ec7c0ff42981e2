// Cold-start program (effect-particle): the Node layer, one getVariable call, as a CLI would make it.
import * as NodeParticle from "@effect-particle/core/node"
import { getVariable } from "@effect-particle/devices"
import { Effect, Redacted } from "effect"

export const run = (base) =>
  Effect.runPromise(
    getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(
      Effect.provide(
        NodeParticle.layer({ baseUrl: base, accessToken: Redacted.make("0123456789abcdef0123456789abcdef01234567") })
      )
    )
  )
