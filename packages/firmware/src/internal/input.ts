import * as Schema from "effect/Schema"

/** A Particle platform id (6 Photon, 13 Boron, 32 P2, …): an integer ≥ 0. */
export const PlatformId = /*#__PURE__*/ Schema.Number.pipe(
  Schema.int({ message: () => "must be a platform id (an integer ≥ 0)" }),
  Schema.nonNegative({ message: () => "must be a platform id (an integer ≥ 0)" })
)

/** A Device OS version such as `6.2.1` or `5.0.0-rc.1`. */
export const Version = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^\d+\.\d+\.\d+[0-9A-Za-z.+-]*$/, { message: () => "must be a Device OS version such as 6.2.1" })
)
