// Configuration of the local Supabase-compatible server.
//
// Defaults mirror `supabase start` (the Supabase CLI's local stack) so that
// keys and URLs written for the CLI work unchanged, and `supabase/config.toml`
// `[auth]` settings are honoured where they apply.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseToml } from 'smol-toml'

/** The CLI's well-known local JWT secret (public, development only). */
export const CLI_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long'
/** The CLI's well-known opaque keys, swapped for role JWTs by the gateway. */
export const CLI_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH'
export const CLI_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz'

export interface AuthSettings {
  siteUrl: string
  additionalRedirectUrls: string[]
  enableSignup: boolean
  enableConfirmations: boolean
  jwtExpiry: number
  /** Seconds during which a rotated refresh token may still be presented. */
  refreshTokenReuseInterval: number
  /** Minimum seconds between two emails to the same address (GoTrue `max_frequency`). */
  emailMaxFrequency: number
  otpLength: number
  otpExpiry: number
  minimumPasswordLength: number
}

export interface LocalConfig {
  projectRoot: string
  port: number
  /** Postgres port; 0 means "pick port + 1 when free, else any free port". */
  dbPort: number
  dataDir: string
  statusFile: string | null
  apiUrl: string
  mailUrl: string
  jwtSecret: string
  publishableKey: string
  secretKey: string
  migrationsDir: string
  seedFile: string
  /** Max bytes of one upload accepted by storage, whatever the bucket says. */
  storageFileSizeLimit: number
  /** PostgREST `db-max-rows`. */
  maxRows: number
  auth: AuthSettings
  /** Quiet logs (tests). */
  quiet: boolean
}

export interface ConfigOverrides {
  projectRoot?: string
  port?: number
  dbPort?: number
  dataDir?: string
  statusFile?: string | null
  quiet?: boolean
  auth?: Partial<AuthSettings>
}

function readConfigToml(projectRoot: string): Record<string, any> {
  const file = path.join(projectRoot, 'supabase', 'config.toml')
  if (!existsSync(file)) return {}
  return parseToml(readFileSync(file, 'utf8')) as Record<string, any>
}

/** Parses a size such as "50MiB", "5MB" or "1048576" into bytes. */
export function parseSize(value: unknown, fallback: number): number {
  if (typeof value === 'number') return value
  if (typeof value !== 'string') return fallback
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i.exec(value)
  if (!m) return fallback
  const n = Number(m[1])
  const unit = (m[2] ?? 'b').toLowerCase()
  const mult: Record<string, number> = {
    b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3,
  }
  return Math.round(n * mult[unit])
}

export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const projectRoot = path.resolve(overrides.projectRoot ?? process.cwd())
  const toml = readConfigToml(projectRoot)
  const authToml = toml.auth ?? {}
  const emailToml = authToml.email ?? {}
  const storageToml = toml.storage ?? {}
  const apiToml = toml.api ?? {}

  const port = overrides.port ?? Number(env.SUPABASE_LOCAL_PORT || apiToml.port || 54321)
  const dataDir = path.resolve(projectRoot, overrides.dataDir ?? env.SUPABASE_LOCAL_DATA_DIR ?? '.local/supabase')
  const statusFile =
    overrides.statusFile !== undefined ? overrides.statusFile : env.SUPABASE_LOCAL_STATUS_FILE || null
  const apiUrl = `http://127.0.0.1:${port}`

  const auth: AuthSettings = {
    siteUrl: authToml.site_url ?? 'http://127.0.0.1:3000',
    additionalRedirectUrls: authToml.additional_redirect_urls ?? ['https://127.0.0.1:3000'],
    enableSignup: authToml.enable_signup ?? true,
    enableConfirmations: emailToml.enable_confirmations ?? false,
    jwtExpiry: authToml.jwt_expiry ?? 3600,
    refreshTokenReuseInterval: authToml.refresh_token_reuse_interval ?? 10,
    emailMaxFrequency: parseDuration(emailToml.max_frequency, 1),
    otpLength: emailToml.otp_length ?? 6,
    otpExpiry: emailToml.otp_expiry ?? 3600,
    minimumPasswordLength: authToml.minimum_password_length ?? 6,
    ...overrides.auth,
  }

  return {
    projectRoot,
    port,
    dbPort: overrides.dbPort ?? Number(env.SUPABASE_LOCAL_DB_PORT || 0),
    dataDir,
    statusFile: statusFile ? path.resolve(projectRoot, statusFile) : null,
    apiUrl,
    mailUrl: `${apiUrl}/mail`,
    jwtSecret: env.SUPABASE_LOCAL_JWT_SECRET || CLI_JWT_SECRET,
    publishableKey: CLI_PUBLISHABLE_KEY,
    secretKey: CLI_SECRET_KEY,
    migrationsDir: path.join(projectRoot, 'supabase', 'migrations'),
    seedFile: path.join(projectRoot, 'supabase', 'seed.sql'),
    storageFileSizeLimit: parseSize(storageToml.file_size_limit, 50 * 1024 * 1024),
    maxRows: apiToml.max_rows ?? 1000,
    auth,
    quiet: overrides.quiet ?? env.SUPABASE_LOCAL_QUIET === '1',
  }
}

/** "1s", "60s", "2m" → seconds. */
function parseDuration(value: unknown, fallback: number): number {
  if (typeof value === 'number') return value
  if (typeof value !== 'string') return fallback
  const m = /^(\d+)(ms|s|m|h)?$/.exec(value.trim())
  if (!m) return fallback
  const n = Number(m[1])
  return { ms: n / 1000, s: n, m: n * 60, h: n * 3600 }[m[2] ?? 's'] ?? fallback
}
