/**
 * The `X-Particle-Tool` and `X-Particle-Project` headers, formatted as particle-api-js formats them from
 * `setContext("tool" | "project", …)` and per-call `context`.
 */

/**
 * A tool and the components it is made of, sent as `X-Particle-Tool: cli@1.2.3, bar@a.b.c`.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * new Particle().setContext("tool", { name: "cli", version: "1.2.3", components: [{ name: "bar", version: "a.b.c" }] })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface ToolContext {
  readonly name: string
  readonly version?: string | number | undefined
  readonly components?: ReadonlyArray<{ readonly name: string; readonly version?: string | number | undefined }>
}

/**
 * A project and its properties, sent as `X-Particle-Project: blinky; version=0.0.1`.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * new Particle().setContext("project", { name: "blinky", version: "0.0.1" })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface ProjectContext {
  readonly name: string
  readonly [property: string]: unknown
}

/**
 * What `setContext` and per-call `context` hold. A per-call `context` applies to that call only (it is
 * merged over the instance's, which it does not change).
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle = new Particle({ auth: process.env.PARTICLE_ACCESS_TOKEN })
 * await particle.getUserInfo({ context: { tool: { name: "nightly-job", version: "2" } } })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Context {
  readonly tool?: ToolContext | undefined
  readonly project?: ProjectContext | undefined
}

const nameAtVersion = (name: unknown, version: unknown): string =>
  name ? `${name as string}${version !== undefined ? `@${version as string}` : ""}` : ""

const toolHeader = (tool: ToolContext | undefined): string => {
  if (tool === undefined || !tool.name) return ""
  let value = nameAtVersion(tool.name, tool.version)
  if (tool.components) {
    for (const component of tool.components) value += ", " + nameAtVersion(component.name, component.version)
  }
  return value
}

const projectHeader = (project: ProjectContext | undefined): string => {
  if (project === undefined || !project.name) return ""
  let value = String(project.name)
  for (const key of Object.keys(project)) {
    if (key !== "name") value += `; ${key}=${String(project[key])}`
  }
  return value
}

/** The context headers, in particle-api-js's order (tool, then project); empty ones are not sent. */
export const contextHeaders = (context: Context): ReadonlyArray<readonly [string, string]> => {
  const out: Array<readonly [string, string]> = []
  const tool = toolHeader(context.tool)
  if (tool) out.push(["X-Particle-Tool", tool])
  const project = projectHeader(context.project)
  if (project) out.push(["X-Particle-Project", project])
  return out
}
