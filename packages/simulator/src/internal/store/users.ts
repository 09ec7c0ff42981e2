/** Users, their access tokens, refresh tokens and pending MFA logins. */
import { randomToken, type ObjectIds } from "../ids.js"
import type { RefreshRecord, TokenRecord, UserRecord } from "./types.js"

/** Default access-token lifetime (90 days), as `/oauth/token` issues it. */
export const DEFAULT_TOKEN_LIFETIME_S = 7_776_000
/** Refresh tokens stay valid this long after their access token expires (the oauth2 fork's default). */
export const REFRESH_LIFETIME_S = 1_209_600

export interface IssueTokenInput {
  username: string
  /** undefined = the default lifetime; null or 0 = never expires; negative = already expired. */
  expiresInSeconds?: number | null | undefined
  client?: string | undefined
  scopes?: ReadonlyArray<string> | undefined
  token?: string | undefined
  customerOf?: number | undefined
}

export class UserStore {
  private readonly users = new Map<string, UserRecord>()
  private readonly tokens = new Map<string, TokenRecord>()
  private readonly refresh = new Map<string, RefreshRecord>()
  private readonly mfa = new Map<string, { username: string; expiresAt: number }>()

  constructor(private readonly ids: ObjectIds) {}

  has(username: string): boolean { return this.users.has(username) }
  get(username: string): UserRecord | undefined { return this.users.get(username) }

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
    for (const t of [...this.tokens.values()]) if (t.username === u.username) this.tokens.set(t.token, { ...t, username })
    for (const r of [...this.refresh.values()]) if (r.username === u.username) this.refresh.set(r.refreshToken, { ...r, username })
    return moved
  }

  /** Deletes a user with all its tokens. */
  remove(username: string): void {
    this.users.delete(username)
    this.revokeAll(username)
    for (const r of [...this.refresh.values()]) if (r.username === username) this.refresh.delete(r.refreshToken)
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
    return rec
  }

  token(token: string): TokenRecord | undefined { return this.tokens.get(token) }
  tokensOf(username: string): Array<TokenRecord> { return [...this.tokens.values()].filter((t) => t.username === username) }
  revoke(token: string): boolean { return this.tokens.delete(token) }
  /** Revokes every token of a user, except `keep` when given. */
  revokeAll(username: string, keep?: string): void {
    for (const t of this.tokensOf(username)) if (t.token !== keep) this.tokens.delete(t.token)
  }

  // ---- refresh tokens
  issueRefresh(o: { username: string; client: string; scopes: ReadonlyArray<string>; lifetimeSeconds: number }): string {
    const refreshToken = randomToken()
    this.refresh.set(refreshToken, {
      refreshToken, username: o.username, client: o.client, scopes: [...o.scopes],
      expiresAt: Date.now() + (o.lifetimeSeconds + REFRESH_LIFETIME_S) * 1000
    })
    return refreshToken
  }

  /** Single use: a refresh token is gone once read. */
  takeRefresh(refreshToken: string): RefreshRecord | "expired" | undefined {
    const r = this.refresh.get(refreshToken)
    if (!r) return undefined
    if (r.expiresAt <= Date.now()) return "expired"
    this.refresh.delete(refreshToken)
    return r
  }

  // ---- MFA
  startMfa(username: string, ttlMs: number): string {
    const token = randomToken()
    this.mfa.set(token, { username, expiresAt: Date.now() + ttlMs })
    return token
  }

  /** The user of a live MFA token (not consumed). */
  mfaUser(mfaToken: string): string | undefined {
    const m = this.mfa.get(mfaToken)
    return m && m.expiresAt >= Date.now() ? m.username : undefined
  }

  endMfa(mfaToken: string): void { this.mfa.delete(mfaToken) }
}
