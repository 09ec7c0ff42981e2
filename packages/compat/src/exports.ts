/**
 * What both entries export besides `Particle`: the error class, the models, and the method table.
 *
 * @since 0.1.0
 */

export { Client, Library } from "./internal/client.js"
export type { Context, ProjectContext, ToolContext } from "./internal/context.js"
export { ParticleApiError } from "./internal/errors.js"
export type { EventStream } from "./internal/eventStream.js"
export type { CallOptions, FileLike, NoAuthOptions, ProductRef } from "./internal/methods.js"
export type {
  EffectAccess,
  EventStreamOptions,
  JSONResponse,
  Methods,
  ParticleOptions,
  RequestOptions
} from "./internal/particle.js"
export { ParticleBase } from "./internal/particle.js"
