import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"

/** The per-fiber access token of `ParticleClient.withAccessToken`. */
export const currentAccessToken = globalValue(
  Symbol.for("@effect-particle/core/currentAccessToken"),
  () => FiberRef.unsafeMake<Option.Option<Redacted.Redacted<string>>>(Option.none())
)
