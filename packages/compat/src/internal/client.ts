/**
 * `particle.client({ auth })`: particle-api-js's small `Client` and `Library` helpers (used by
 * particle-cli), on the facade's methods.
 */

/** The facade methods the client calls. */
export interface ClientApi {
  listLibraries(options: Record<string, unknown>): Promise<{ readonly body: any }>
  getLibrary(options: Record<string, unknown>): Promise<{ readonly body: any }>
  getLibraryVersions(options: Record<string, unknown>): Promise<{ readonly body: any }>
  contributeLibrary(options: Record<string, unknown>): Promise<{ readonly body: any }>
  publishLibrary(options: Record<string, unknown>): Promise<{ readonly body: any }>
  deleteLibrary(options: Record<string, unknown>): Promise<unknown>
  downloadFile(options: Record<string, unknown>): Promise<unknown>
  compileCode(options: Record<string, unknown>): Promise<unknown>
  signalDevice(options: Record<string, unknown>): Promise<unknown>
  listDevices(options: Record<string, unknown>): Promise<unknown>
  listBuildTargets(options: Record<string, unknown>): Promise<{ readonly body: any }>
  trackingIdentity(options: Record<string, unknown>): Promise<{ readonly body: any }>
}

/**
 * A library of `client.libraries()`: the JSON:API attributes as properties, `downloadUrl`, and
 * `download()` (the `.tar.gz` bytes).
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const client = new Particle().client({ auth: process.env.PARTICLE_ACCESS_TOKEN })
 * const [neopixel] = await client.libraries({ filter: "neopixel", limit: 1 })
 * const archive = await neopixel.download()
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export class Library {
  declare readonly client: Client
  /** The archive's URL (`links.download`). */
  readonly downloadUrl: string | undefined
  readonly [attribute: string]: unknown

  constructor(client: Client, data: { readonly attributes?: object; readonly links?: { readonly download?: string } }) {
    Object.defineProperty(this, "client", { value: client })
    Object.assign(this, data.attributes)
    this.downloadUrl = data.links && data.links.download
  }

  /** The library's archive. */
  download(): Promise<unknown> {
    if (!this.downloadUrl) return Promise.reject(new Error("No download URL for this library"))
    return this.client.downloadFile(this.downloadUrl)
  }
}

/**
 * What `particle.client({ auth })` returns: the library, compile, device and build-target helpers of
 * particle-api-js's `Client`, with one token.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const client = new Particle().client({ auth: process.env.PARTICLE_ACCESS_TOKEN })
 * const targets = await client.listBuildTargets()
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export class Client {
  readonly auth: string | undefined
  readonly api: ClientApi

  constructor({ api, auth }: { readonly auth?: string | undefined; readonly api: ClientApi }) {
    this.auth = auth
    this.api = api
  }

  /** Whether a token was given. */
  ready(): boolean {
    return Boolean(this.auth)
  }

  /** One page of libraries, as `Library` objects. */
  libraries(query: Record<string, unknown> = {}): Promise<Array<Library>> {
    return this.api.listLibraries({ ...query, auth: this.auth }).then((payload) =>
      ((payload.body.data || []) as Array<any>).map((l) => new Library(this, l))
    )
  }

  /** One library. */
  library(name: string, query: Record<string, unknown> = {}): Promise<Library> {
    return this.api.getLibrary({ ...query, name, auth: this.auth }).then((payload) =>
      new Library(this, payload.body.data || {})
    )
  }

  /** The versions of a library. */
  libraryVersions(name: string, query: Record<string, unknown> = {}): Promise<Array<Library>> {
    return this.api.getLibraryVersions({ ...query, name, auth: this.auth }).then((payload) =>
      ((payload.body.data || []) as Array<any>).map((l) => new Library(this, l))
    )
  }

  /** Contributes a library version from its archive. */
  contributeLibrary(archive: unknown): Promise<Library> {
    return this.api.contributeLibrary({ archive, auth: this.auth }).then(
      (payload) => new Library(this, payload.body.data || {}),
      (error) => this.throwError(error)
    )
  }

  /** Publishes a library. */
  publishLibrary(name: string): Promise<Library> {
    return this.api.publishLibrary({ name, auth: this.auth }).then(
      (payload) => new Library(this, payload.body.data || {}),
      (error) => this.throwError(error)
    )
  }

  /** Deletes a library. */
  deleteLibrary({ force, name }: { readonly name: string; readonly force?: string | boolean }): Promise<boolean> {
    return this.api.deleteLibrary({ name, force, auth: this.auth }).then(() => true, (error) => this.throwError(error))
  }

  /** The JSON:API `errors[]` messages become the message, one per line. */
  private throwError(error: any): never {
    if (error && error.body && Array.isArray(error.body.errors)) {
      throw new Error(error.body.errors.map((e: { message?: string }) => e.message).join("\n"))
    }
    throw error
  }

  /** Downloads a file (the token only to the base URL). */
  downloadFile(uri: string): Promise<unknown> {
    return this.api.downloadFile({ uri })
  }

  /** Compiles source files. */
  compileCode(files: Record<string, unknown>, platformId?: number, targetVersion?: string): Promise<unknown> {
    return this.api.compileCode({ files, platformId, targetVersion, auth: this.auth })
  }

  /** Starts or stops a device's rainbow signal. */
  signalDevice({ deviceId, signal }: { readonly signal: boolean; readonly deviceId: string }): Promise<unknown> {
    return this.api.signalDevice({ signal, deviceId, auth: this.auth })
  }

  /** The user's devices. */
  listDevices(): Promise<unknown> {
    return this.api.listDevices({ auth: this.auth })
  }

  /** The featured build targets, one entry per platform (`[]` when the call fails, as particle-api-js). */
  listBuildTargets(): Promise<
    Array<
      {
        readonly version: string
        readonly platform: number
        readonly prerelease: boolean
        readonly firmware_vendor: string
      }
    >
  > {
    return this.api.listBuildTargets({ onlyFeatured: true, auth: this.auth }).then((payload) => {
      const targets: Array<{ version: string; platform: number; prerelease: boolean; firmware_vendor: string }> = []
      for (const target of payload.body.targets) {
        for (const platform of target.platforms) {
          targets.push({
            version: target.version,
            platform,
            prerelease: target.prereleases.indexOf(platform) > -1,
            firmware_vendor: target.firmware_vendor
          })
        }
      }
      return targets
    }, () => [])
  }

  /** The tracking identity of the token's user (the body). */
  trackingIdentity({ context, full = false }: { readonly full?: boolean; readonly context?: unknown } = {}): Promise<
    unknown
  > {
    return this.api.trackingIdentity({ full, context, auth: this.auth }).then((payload) => payload.body)
  }
}
