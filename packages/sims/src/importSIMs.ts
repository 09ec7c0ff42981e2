/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Country } from "./internal/input.js"
import { Iccid } from "./Sim.js"

/**
 * Imports SIM cards into a product and activates them (`POST /v1/products/:product/sims` with `sims` and
 * `country`): what particle-api-js's `activateSIM({ product, iccids })` sent until 12.0.1. The cloud
 * queues the activation and answers an acknowledgement.
 *
 * Options: `product` (id or slug), `iccids` (1 to 1000 ICCIDs), `country` (ISO code, e.g. `US`).
 *
 * Errors:
 * - `BadRequest`: an ICCID the cloud refuses (e.g. one that belongs to another account or product).
 * - `NotFound`: no product with this id or slug.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: no ICCID, more than 1000, one that is not 19–20 digits, a bad `product` or `country`.
 *
 * @example
 * ```ts
 * import { importSIMs } from "@effect-particle/sims"
 *
 * const added = importSIMs({ product: "my-fleet", iccids: ["89314404000111111199"], country: "US" })
 * ```
 *
 * @since 0.1.0
 * @category sim actions
 */
export const importSIMs = /*#__PURE__*/ Operation.make({
  name: "importSIMs",
  summary: "Import SIM cards into a product and activate them",
  method: "POST",
  routes: [{ path: "/v1/products/{product}/sims" }],
  input: Schema.Struct({
    product: Input.Product,
    iccids: Schema.Array(Iccid).pipe(
      Schema.minItems(1, { message: () => "must hold at least one ICCID" }),
      Schema.maxItems(1000, { message: () => "must hold at most 1000 ICCIDs" })
    ),
    country: Schema.optional(Country)
  }),
  body: (i) => Operation.jsonBody({ sims: i.iccids, country: i.country }),
  response: Operation.json(Schema.Struct({ ok: Schema.optional(Schema.Boolean) })),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
