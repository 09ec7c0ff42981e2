/** Bounds on admin input: every count and size an admin request can ask for. */

/** Most events one bulk publish (`count`) may send. */
export const MAX_BULK_EVENTS = 1_000_000
/** Particle's event-name limit. */
export const MAX_EVENT_NAME = 64
export const MAX_EVENT_DATA = 64 * 1024
/** Particle's largest event TTL (24 bits). */
export const MAX_TTL = 16_777_215
export const MAX_LATENCY_MS = 600_000
export const MAX_FAULT_TIMES = 1_000_000_000
export const MAX_RETRY_AFTER_S = 86_400
export const MAX_PRELOAD_EVENTS = 10_000
export const MAX_FAULT_HEADERS = 100
export const MAX_NAME = 256
export const MAX_CREDENTIAL = 1024
export const MAX_SCOPES = 100
/** ±10 years. */
export const MAX_TOKEN_LIFETIME_S = 315_576_000
export const MAX_VARIABLES = 1000
export const MAX_FUNCTIONS = 1000
export const MAX_GROUPS = 100
/** Particle's variable / function name limit. */
export const MAX_KEY = 64
export const MAX_VALUE = 64 * 1024
/** A status fault's body / rawBody (the default request-body limit). */
export const MAX_FAULT_BODY = 10 * 1024 * 1024
