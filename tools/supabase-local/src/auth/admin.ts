// The admin API (api/admin.go, api/invite.go, api/mail.go adminGenerateLink).
// Every route requires a JWT whose role is service_role (403 not_admin else).
import { createHash, randomUUID } from 'node:crypto'
import type { ServiceContext } from '../context.ts'
import { withTx, type Db } from './db.ts'
import { AuthError, badRequest, internal, notFound, unprocessable } from './errors.ts'
import { sendInvite } from './flows.ts'
import { generateOtp, tokenHash } from './mail.ts'
import { bool, obj, optStr, readParams, str } from './params.ts'
import { checkPasswordStrength, hashPassword } from './passwords.ts'
import { isRedirectUrlValid } from './redirect.ts'
import { isUuid, parseGoDuration, redirectTo, requireAdmin, validateEmail, type AuthContext } from './request.ts'
import { logoutEverywhere, secureAlphanumeric } from './sessions.ts'
import { updatePassword } from './user.ts'
import {
  clearOneTimeTokens, confirmEmail, createEmailUser, createIdentity, findUserByEmail, findUserById, insertUser,
  isConfirmed, mergeAppMetaData, mergeUserMetaData, recordOneTimeToken, renderUser, setRole, type UserRow,
} from './users.ts'

const DUPLICATE_EMAIL = 'A user with this email address has already been registered'

/** validatePhone: E.164 digits without the "+". */
function validatePhone(phone: string): string {
  const formatted = phone.replace(/[\s+\-()]/g, '')
  if (!/^[1-9][0-9]{1,14}$/.test(formatted)) {
    throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)')
  }
  return formatted
}

/** loadUser middleware: the :user_id of the path. */
async function loadUser(ctx: ServiceContext, id: string): Promise<UserRow> {
  if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID')
  const user = await findUserById(ctx.db.authAdmin, id)
  if (!user) throw notFound('user_not_found', 'User not found')
  return user
}

function parseUint(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  if (!/^\d+$/.test(value)) {
    throw badRequest('validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing "${value}": invalid syntax`)
  }
  return Number(value)
}

/** GET /admin/users?page=&per_page= with X-Total-Count and Link headers. */
export async function listUsers(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  await requireAdmin(ctx, c)
  const page = Math.max(1, parseUint(c.req.query('page'), 1))
  const perPage = parseUint(c.req.query('per_page'), 50)
  const filter = c.req.query('filter') ?? ''
  const where = `coalesce(nullif(u.aud, ''), 'authenticated') = 'authenticated'
    and ($1 = '' or u.email ilike '%' || $1 || '%' or u.raw_user_meta_data->>'full_name' ilike '%' || $1 || '%')`
  const db = ctx.db.authAdmin
  const total = Number((await db.query(`select count(*) as n from auth.users u where ${where}`, [filter])).rows[0].n)
  const ids = await db.query(
    `select u.id from auth.users u where ${where} order by u.created_at desc, u.id limit $2 offset $3`,
    [filter, perPage, (page - 1) * perPage],
  )
  const users: Record<string, unknown>[] = []
  for (const row of ids.rows) {
    const u = await findUserById(db, row.id)
    if (u) users.push(renderUser(u))
  }
  // addPaginationHeaders: links keep the request's query, page replaced.
  const totalPages = perPage > 0 ? Math.ceil(total / perPage) : 0
  const link = (p: number) => {
    const q = new URLSearchParams(new URL(c.req.url).search)
    q.set('page', String(p))
    q.sort()
    return `</admin/users?${q.toString()}>`
  }
  const parts: string[] = []
  if (totalPages > page) parts.push(`${link(page + 1)}; rel="next"`)
  parts.push(`${link(totalPages)}; rel="last"`)
  c.header('X-Total-Count', String(total))
  c.header('Link', parts.join(', '))
  return c.json({ users, aud: 'authenticated' })
}

export async function getUserById(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  await requireAdmin(ctx, c)
  return c.json(renderUser(await loadUser(ctx, c.req.param('id')!)))
}

async function ban(db: Db, userId: string, durationMs: number) {
  await db.query(
    `update auth.users set banned_until = case when $2::float8 = 0 then null else now() + make_interval(secs => $2::float8 / 1000) end,
            updated_at = now() where id = $1`,
    [userId, durationMs],
  )
}

function banDuration(p: Record<string, unknown>): number | null {
  const d = str(p, 'ban_duration')
  if (!d) return null
  return d === 'none' ? 0 : parseGoDuration(d)
}

/** POST /admin/users */
export async function createUser(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  await requireAdmin(ctx, c)
  const p = await readParams(c)
  let email = str(p, 'email')
  let phone = str(p, 'phone')
  const password = optStr(p, 'password')
  const passwordHash = str(p, 'password_hash')
  const userMeta = obj(p, 'user_metadata') ?? {}
  const appMeta = obj(p, 'app_metadata')
  const role = str(p, 'role')
  const customId = str(p, 'id')
  if (!email && !phone) throw badRequest('validation_failed', 'Cannot create a user without either an email or phone')
  const db = ctx.db.authAdmin
  const providers: string[] = []
  if (email) {
    email = validateEmail(email)
    if (await findUserByEmail(db, email)) throw unprocessable('email_exists', DUPLICATE_EMAIL)
    providers.push('email')
  }
  if (phone) {
    phone = validatePhone(phone)
    const dup = await db.query('select 1 from auth.users where phone = $1', [phone])
    if (dup.rows.length) throw unprocessable('phone_exists', 'Phone number already registered by another user')
    providers.push('phone')
  }
  if (password !== undefined && passwordHash) {
    throw badRequest('validation_failed', 'Only a password or a password hash should be provided')
  }
  let hash: string
  if (passwordHash) {
    if (!/^\$2[aby]\$\d\d\$.{53}$/.test(passwordHash)) throw internal('Error creating user')
    hash = passwordHash
  } else {
    const pw = password || secureAlphanumeric(64)
    if (Buffer.byteLength(pw) > 72) throw badRequest('validation_failed', 'bcrypt: password length exceeds 72 bytes')
    hash = await hashPassword(pw)
  }
  let id: string = randomUUID()
  if (customId) {
    if (!isUuid(customId)) throw badRequest('validation_failed', 'ID must conform to the uuid v4 format')
    if (/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(customId)) throw badRequest('validation_failed', 'ID cannot be a nil uuid')
    id = customId.toLowerCase()
  }
  const banMs = banDuration(p)
  const user = await withTx(db, async (tx) => {
    await insertUser(tx, {
      id, email: email || null, phone: phone || null, passwordHash: hash, userMeta,
      appMeta: { provider: providers[0], providers },
    })
    if (email) await createIdentity(tx, id, 'email', { sub: id, email, email_verified: false, phone_verified: false })
    if (phone) await createIdentity(tx, id, 'phone', { sub: id, phone, email_verified: false, phone_verified: false })
    await setRole(tx, id, role || 'authenticated')
    if (appMeta) await mergeAppMetaData(tx, id, appMeta)
    if (bool(p, 'email_confirm')) await confirmEmail(tx, id)
    if (bool(p, 'phone_confirm')) {
      await tx.query('update auth.users set phone_confirmed_at = now(), updated_at = now() where id = $1', [id])
    }
    if (banMs !== null) await ban(tx, id, banMs)
    return (await findUserById(tx, id))!
  }).catch((e) => {
    if (e instanceof AuthError) throw e
    throw Object.assign(internal('Database error creating new user'), { cause: e })
  })
  return c.json(renderUser(user))
}

/** PUT /admin/users/:id */
export async function updateUserById(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  await requireAdmin(ctx, c)
  const user = await loadUser(ctx, c.req.param('id')!)
  const p = await readParams(c)
  let email = str(p, 'email')
  let phone = str(p, 'phone')
  if (email) email = validateEmail(email)
  if (phone) phone = validatePhone(phone)
  const banMs = banDuration(p)
  const password = optStr(p, 'password')
  let hash: string | null = null
  if (password !== undefined) {
    checkPasswordStrength(ctx.config.auth, password)
    hash = password ? await hashPassword(password) : ''
  }
  if (email && email !== user.email) {
    const other = await findUserByEmail(ctx.db.authAdmin, email)
    if (other && other.id !== user.id) throw unprocessable('email_exists', DUPLICATE_EMAIL)
  }
  const emailConfirm = bool(p, 'email_confirm')
  const userMeta = obj(p, 'user_metadata')
  const appMeta = obj(p, 'app_metadata')
  const role = str(p, 'role')
  const updated = await withTx(ctx.db.authAdmin, async (db) => {
    if (role) await setRole(db, user.id, role)
    if (emailConfirm) await confirmEmail(db, user.id)
    if (bool(p, 'phone_confirm')) {
      await db.query('update auth.users set phone_confirmed_at = now(), updated_at = now() where id = $1', [user.id])
    }
    if (hash !== null) await updatePassword(db, user.id, hash, null)
    if (email) {
      const identity = await db.query(`select id from auth.identities where provider = 'email' and provider_id = $1`, [user.id])
      if (identity.rows.length) {
        await db.query(
          `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', $3::boolean),
                  updated_at = now() where id = $1`,
          [identity.rows[0].id, email, emailConfirm],
        )
      } else {
        await createIdentity(db, user.id, 'email', { sub: user.id, email, email_verified: emailConfirm, phone_verified: false })
      }
      await db.query(`update auth.users set email = $2, updated_at = now() where id = $1`, [user.id, email])
    }
    if (phone) {
      await db.query(`update auth.users set phone = $2, updated_at = now() where id = $1`, [user.id, phone])
    }
    if (appMeta) await mergeAppMetaData(db, user.id, appMeta)
    if (userMeta) await mergeUserMetaData(db, user.id, userMeta)
    if (banMs !== null) await ban(db, user.id, banMs)
    return (await findUserById(db, user.id))!
  }).catch((e) => {
    if (e instanceof AuthError) throw e
    throw Object.assign(internal('Error updating user'), { cause: e })
  })
  return c.json(renderUser(updated))
}

/** obfuscateValue: base64url(sha256(id + value)), how a soft delete frees the address. */
const obfuscate = (id: string, value: string) => createHash('sha256').update(id + value).digest('base64url')

/** DELETE /admin/users/:id, body {should_soft_delete}. */
export async function deleteUser(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  await requireAdmin(ctx, c)
  const user = await loadUser(ctx, c.req.param('id')!)
  const p = await readParams(c, { optional: true })
  const soft = bool(p, 'should_soft_delete')
  await withTx(ctx.db.authAdmin, async (db) => {
    if (!soft) {
      await db.query('delete from auth.users where id = $1', [user.id])
      return
    }
    if (user.deleted_at) return
    await db.query(
      `update auth.users set email = $2, phone = $3, email_change = $4, phone_change = $5, encrypted_password = null,
              confirmation_token = '', recovery_token = '', email_change_token_current = '', email_change_token_new = '',
              phone_change_token = '', deleted_at = now(), raw_user_meta_data = '{}'::jsonb, raw_app_meta_data = '{}'::jsonb,
              updated_at = now()
        where id = $1`,
      [
        user.id, obfuscate(user.id, user.email ?? ''), obfuscate(user.id, user.phone ?? '').slice(0, 15),
        obfuscate(user.id, user.email_change ?? ''), obfuscate(user.id, user.phone_change ?? '').slice(0, 15),
      ],
    )
    await clearOneTimeTokens(db, user.id)
    await logoutEverywhere(db, user.id)
    await db.query('delete from auth.identities where user_id = $1', [user.id])
  }).catch((e) => {
    if (e instanceof AuthError) throw e
    throw Object.assign(internal(soft ? 'Error soft deleting user' : 'Database error deleting user'), { cause: e })
  })
  return c.json({})
}

/** POST /invite {email, data}: creates the user if needed and emails an invite link. */
export async function invite(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  await requireAdmin(ctx, c)
  const p = await readParams(c)
  const email = validateEmail(str(p, 'email'))
  const data = obj(p, 'data') ?? {}
  const target = redirectTo(ctx, c)
  const user = await withTx(ctx.db.authAdmin, async (db) => {
    let u = await findUserByEmail(db, email)
    if (u) {
      if (isConfirmed(u)) throw unprocessable('email_exists', DUPLICATE_EMAIL)
    } else {
      u = await createEmailUser(db, { email, passwordHash: '', data })
    }
    await sendInvite({ ctx, db, user: u, redirectTo: target })
    return (await findUserById(db, u.id))!
  })
  return c.json(renderUser(user))
}

const LINK_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change_current', 'email_change_new']

/** POST /admin/generate_link: the link and code an email would carry; no email is sent. */
export async function generateLink(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  await requireAdmin(ctx, c)
  const p = await readParams(c)
  let type = str(p, 'type')
  const email = validateEmail(str(p, 'email'))
  let password = str(p, 'password')
  const data = obj(p, 'data') ?? {}
  const bodyRedirect = str(p, 'redirect_to')
  const target = isRedirectUrlValid(ctx.config.auth, bodyRedirect) ? bodyRedirect : redirectTo(ctx, c)
  const db0 = ctx.db.authAdmin
  const existing = await findUserByEmail(db0, email)
  if (!existing) {
    if (type === 'magiclink') {
      type = 'signup'
      password = secureAlphanumeric(64)
    } else if (['recovery', 'email_change_current', 'email_change_new'].includes(type)) {
      throw notFound('user_not_found', 'User with this email not found')
    }
  }
  if (!LINK_TYPES.includes(type)) {
    throw badRequest('validation_failed', `Invalid email action link type requested: ${type}`)
  }
  let signupHash = ''
  if (type === 'signup' && !existing) {
    if (!password) throw badRequest('validation_failed', 'Signup requires a valid password')
    checkPasswordStrength(ctx.config.auth, password)
    signupHash = await hashPassword(password)
  }
  let newEmail = ''
  if (type.startsWith('email_change')) newEmail = validateEmail(str(p, 'new_email'))
  const otp = generateOtp(ctx.config.auth.otpLength)
  const hashed = tokenHash(email, otp)

  const result = await withTx(db0, async (db) => {
    let user = existing ? (await findUserById(db, existing.id))! : null
    let linkToken = hashed
    let linkType = type
    switch (type) {
      case 'magiclink':
      case 'recovery':
        await db.query(`update auth.users set recovery_token = $2, recovery_sent_at = now(), updated_at = now() where id = $1`, [user!.id, hashed])
        await recordOneTimeToken(db, user!.id, 'recovery_token', hashed, email)
        break
      case 'invite':
        if (user && isConfirmed(user)) throw unprocessable('email_exists', DUPLICATE_EMAIL)
        if (!user) user = await createEmailUser(db, { email, passwordHash: '', data })
        await db.query(
          `update auth.users set confirmation_token = $2, confirmation_sent_at = now(), invited_at = now(), updated_at = now() where id = $1`,
          [user.id, hashed],
        )
        await recordOneTimeToken(db, user.id, 'confirmation_token', hashed, email)
        break
      case 'signup':
        if (user && isConfirmed(user)) throw unprocessable('email_exists', DUPLICATE_EMAIL)
        if (user) await mergeUserMetaData(db, user.id, data)
        else user = await createEmailUser(db, { email, passwordHash: signupHash, data })
        await db.query(
          `update auth.users set confirmation_token = $2, confirmation_sent_at = now(), updated_at = now() where id = $1`,
          [user.id, hashed],
        )
        await recordOneTimeToken(db, user.id, 'confirmation_token', hashed, email)
        break
      default: {
        // email_change_current / email_change_new
        const dup = await findUserByEmail(db, newEmail)
        if (dup && dup.id !== user!.id) throw unprocessable('email_exists', DUPLICATE_EMAIL)
        const column = type === 'email_change_current' ? 'email_change_token_current' : 'email_change_token_new'
        linkToken = type === 'email_change_current' ? hashed : tokenHash(newEmail, otp)
        linkType = 'email_change'
        await db.query(
          `update auth.users set ${column} = $2, email_change = $3, email_change_sent_at = now(),
                  email_change_confirm_status = 0, updated_at = now() where id = $1`,
          [user!.id, linkToken, newEmail],
        )
        await recordOneTimeToken(db, user!.id, column, linkToken, type === 'email_change_current' ? email : newEmail)
      }
    }
    const actionLink = `${ctx.config.apiUrl}/auth/v1/verify?token=${encodeURIComponent(linkToken)}&type=${linkType}&redirect_to=${encodeURIComponent(target)}`
    return { user: (await findUserById(db, user!.id))!, actionLink }
  })
  return c.json({
    ...renderUser(result.user),
    action_link: result.actionLink,
    email_otp: otp,
    hashed_token: hashed,
    verification_type: type,
    redirect_to: target,
  })
}

