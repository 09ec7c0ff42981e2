/**
 * Users, their access tokens, refresh tokens, pending MFA logins and enrolments, recovery codes and account
 * verification tokens. Every map is bounded: past its cap, expired entries go first, then the oldest ones
 * (tokens the seed chose are never evicted). Expiry is read from `Date.now()`, once per check.
 */
import { type ObjectIds, randomToken } from "../ids.js"
import type { RefreshRecord, TokenRecord, UserRecord } from "./types.js"

/** Default access-token lifetime (90 days), as `/oauth/token` issues it. */
export const DEFAULT_TOKEN_LIFETIME_S = 7_776_000
/** Refresh tokens stay valid this long after their access token expires (the oauth2 fork's default). */
export const REFRESH_LIFETIME_S = 1_209_600
/** How many recovery codes an MFA enrolment answers. */
export const RECOVERY_CODES = 10

/** Caps of the maps (a client that logs in in a loop must not grow the simulator without bound). */
export const MAX_TOKENS = 100_000
export const MAX_REFRESH_TOKENS = 100_000
export const MAX_MFA_TOKENS = 10_000
export const MAX_VERIFICATIONS = 10_000
/** Sign-ups beyond this many users are refused. */
export const MAX_USERS = 100_000

export interface IssueTokenInput {
  username: string
  /** undefined = the default lifetime; null or 0 = never expires; negative = already expired. */
  expiresInSeconds?: number | null | undefined
  client?: string | undefined
  scopes?: ReadonlyArray<string> | undefined
  /** An explicit token (the seed's): such a token is never evicted. */
  token?: string | undefined
  customerOf?: number | undefined
}

/** A pending MFA step: a login waiting for its one-time password, or an enrolment waiting for confirmation. */
export interface MfaRecord {
  readonly username: string
  readonly expiresAt: number
  readonly kind: "login" | "enrol"
  /** The client of the login (the token the OTP grant answers is that client's). */
  readonly client: string | undefined
}

/**
 * Past `cap`, drops expired entries of `map` (`isExpired`), then the oldest evictable ones, down to 90% of
 * the cap (so that a client at the cap does not pay a sweep on every insert).
 */
const bound = <K, V>(map: Map<K, V>, cap: number, isExpired: (v: V) => boolean, evictable: (v: V) => boolean) => {
  if (map.size <= cap) return
  const target = Math.floor(cap * 0.9)
  for (const [k, v] of map) if (isExpired(v)) map.delete(k)
  for (const [k, v] of map) {
    if (map.size <= target) return
    if (evictable(v)) map.delete(k)
  }
}

export class UserStore {
  private readonly users = new Map<string, UserRecord>()
  private readonly tokens = new Map<string, TokenRecord>()
  private readonly pinned = new Set<string>()
  private readonly refresh = new Map<string, RefreshRecord>()
  private readonly mfa = new Map<string, MfaRecord>()
  /** username → unused recovery codes */
  private readonly recovery = new Map<string, Set<string>>()
  /** verification token → username */
  private readonly verification = new Map<string, string>()

  constructor(private readonly ids: ObjectIds) {}

  /** How many users exist. */
  get size(): number {
    return this.users.size
  }
  has(username: string): boolean {
    return this.users.has(username)
  }
  get(username: string): UserRecord | undefined {
    return this.users.get(username)
  }

  /** Creates a user; throws when the username is taken (callers check first to answer their own error). */
  create(o: { username: string; password: string; mfa?: boolean | undefined; id?: string | undefined }): UserRecord {
    if (this.users.has(o.username)) throw new Error(`User ${o.username} already exists`)
    const u: UserRecord = {
      id: o.id ?? this.ids.next(),
      username: o.username,
      password: o.password,
      mfa: o.mfa === true,
      accountInfo: { first_name: "", last_name: "", business_account: false }
    }
    this.users.set(u.username, u)
    return u
  }

  /** Moves a user (and its tokens) to a new username. The caller moves what other stores index by username. */
  rename(u: UserRecord, username: string): UserRecord {
    if (this.users.has(username)) throw new Error(`User ${username} already exists`)
    this.users.delete(u.username)
    const moved: UserRecord = { ...u, username }
    this.users.set(username, moved)
    for (const t of [...this.tokens.values()]) {
      if (t.username === u.username) this.tokens.set(t.token, { ...t, username })
    }
    for (const r of [...this.refresh.values()]) {
      if (r.username === u.username) this.refresh.set(r.refreshToken, { ...r, username })
    }
    for (const [k, m] of [...this.mfa]) if (m.username === u.username) this.mfa.set(k, { ...m, username })
    for (const [k, name] of [...this.verification]) if (name === u.username) this.verification.set(k, username)
    const codes = this.recovery.get(u.username)
    if (codes) {
      this.recovery.delete(u.username)
      this.recovery.set(username, codes)
    }
    return moved
  }

  /** Deletes a user with all its tokens, pending MFA steps and codes. */
  remove(username: string): void {
    this.users.delete(username)
    this.revokeAll(username)
    for (const r of [...this.refresh.values()]) if (r.username === username) this.refresh.delete(r.refreshToken)
    for (const [k, m] of [...this.mfa]) if (m.username === username) this.mfa.delete(k)
    for (const [k, name] of [...this.verification]) if (name === username) this.verification.delete(k)
    this.recovery.delete(username)
  }

  // ---- access tokens
  issueToken(o: IssueTokenInput): TokenRecord {
    const token = o.token ?? randomToken()
    const exp = o.expiresInSeconds === undefined ? DEFAULT_TOKEN_LIFETIME_S : o.expiresInSeconds
    const rec: TokenRecord = {
      token,
      username: o.username,
      expiresAt: exp === null || exp === 0 ? null : Date.now() + exp * 1000,
      client: o.client ?? "particle",
      scopes: [...(o.scopes ?? [])],
      customerOf: o.customerOf
    }
    this.tokens.set(token, rec)
    if (o.token !== undefined) this.pinned.add(token)
    const now = Date.now()
    bound(this.tokens, MAX_TOKENS, (t) => t.expiresAt !== null && t.expiresAt <= now, (t) => !this.pinned.has(t.token))
    return rec
  }

  token(token: string): TokenRecord | undefined {
    return this.tokens.get(token)
  }
  tokensOf(username: string): Array<TokenRecord> {
    return [...this.tokens.values()].filter((t) => t.username === username)
  }
  /** The tokens of a user that still work (not expired). */
  liveTokensOf(username: string): Array<TokenRecord> {
    const now = Date.now()
    return this.tokensOf(username).filter((t) => t.expiresAt === null || t.expiresAt > now)
  }
  revoke(token: string): boolean {
    this.pinned.delete(token)
    return this.tokens.delete(token)
  }
  /** Revokes every token of a user, except `keep` when given. */
  revokeAll(username: string, keep?: string): void {
    for (const t of this.tokensOf(username)) if (t.token !== keep) this.tokens.delete(t.token)
  }

  // ---- refresh tokens
  issueRefresh(
    o: { username: string; client: string; scopes: ReadonlyArray<string>; lifetimeSeconds: number }
  ): string {
    const refreshToken = randomToken()
    this.refresh.set(refreshToken, {
      refreshToken,
      username: o.username,
      client: o.client,
      scopes: [...o.scopes],
      expiresAt: Date.now() + (o.lifetimeSeconds + REFRESH_LIFETIME_S) * 1000
    })
    const now = Date.now()
    bound(this.refresh, MAX_REFRESH_TOKENS, (r) => r.expiresAt <= now, () => true)
    return refreshToken
  }

  /**
   * Single use: a refresh token is gone once used. Like the oauth2 fork, one issued to another client is
   * "invalid", and an expired one is reported as such (and dropped).
   */
  takeRefresh(refreshToken: string, client: string): RefreshRecord | "expired" | undefined {
    const r = this.refresh.get(refreshToken)
    if (!r || r.client !== client) return undefined
    if (r.expiresAt <= Date.now()) {
      this.refresh.delete(refreshToken)
      return "expired"
    }
    this.refresh.delete(refreshToken)
    return r
  }

  // ---- MFA
  startMfa(username: string, ttlMs: number, kind: MfaRecord["kind"] = "login", client?: string): string {
    const token = randomToken()
    const now = Date.now()
    this.mfa.set(token, { username, expiresAt: now + ttlMs, kind, client })
    bound(this.mfa, MAX_MFA_TOKENS, (m) => m.expiresAt <= now, () => true)
    return token
  }

  /** A live MFA step of the given kind (not consumed). */
  mfaStep(mfaToken: string, kind: MfaRecord["kind"]): MfaRecord | undefined {
    const m = this.mfa.get(mfaToken)
    return m && m.kind === kind && m.expiresAt > Date.now() ? m : undefined
  }

  /** The user of a live MFA login or enrolment token (not consumed). */
  mfaUser(mfaToken: string): string | undefined {
    const m = this.mfa.get(mfaToken)
    return m && m.expiresAt > Date.now() ? m.username : undefined
  }

  endMfa(mfaToken: string): void {
    this.mfa.delete(mfaToken)
  }

  /** New recovery codes for a user (the previous ones stop working). */
  issueRecoveryCodes(username: string): Array<string> {
    const codes = Array.from({ length: RECOVERY_CODES }, () => randomToken().slice(0, 16))
    this.recovery.set(username, new Set(codes))
    return codes
  }

  /** Sets a user's recovery codes (the seed's). */
  setRecoveryCodes(username: string, codes: ReadonlyArray<string>): void {
    this.recovery.set(username, new Set(codes))
  }

  /** Uses up one recovery code; false when it is not one of the user's. */
  useRecoveryCode(username: string, code: string): boolean {
    return this.recovery.get(username)?.delete(code) === true
  }

  clearRecoveryCodes(username: string): void {
    this.recovery.delete(username)
  }

  // ---- account verification (sign-up emails)
  /** A verification token for a user, as the sign-up email would carry it (`token` when the seed chooses it). */
  startVerification(username: string, token: string = randomToken()): string {
    this.verification.set(token, username)
    bound(this.verification, MAX_VERIFICATIONS, () => false, () => true)
    return token
  }

  /** Uses up a verification token; the user it verified, or undefined. */
  verify(token: string): string | undefined {
    const username = this.verification.get(token)
    if (username === undefined) return undefined
    this.verification.delete(token)
    return this.users.has(username) ? username : undefined
  }
}
