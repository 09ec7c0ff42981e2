import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Iccid } from "../Sim.js"

/** `{ iccid, product? }`: one SIM, in the user scope or a product's. */
export const OneSim = /*#__PURE__*/ Schema.Struct({ iccid: Iccid, product: Schema.optional(Input.Product) })

/** A monthly data limit in MB: a whole number ≥ 1. */
export const MbLimit = /*#__PURE__*/ Schema.Number.pipe(
  Schema.int({ message: () => "must be a whole number of MB, at least 1" }),
  Schema.greaterThanOrEqualTo(1, { message: () => "must be a whole number of MB, at least 1" })
)

/** An ISO 3166-1 alpha-2 country code, e.g. `US`. */
export const Country = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^[A-Za-z]{2}$/, { message: () => "must be a two-letter country code such as US" })
)
