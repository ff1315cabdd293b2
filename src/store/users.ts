// Accounts: login, display name, role (admin, supervisor of a region, agency staff), password
// hashed with argon2id (@node-rs/argon2's default algorithm, memory-hard), never stored or logged
// in the clear.

import { hash, verify } from '@node-rs/argon2';
import type { Executor } from './bulk.ts';
import { newId } from './ids.ts';
import type { CaseRole, Role, User } from './schema.ts';

export const ROLE_NAMES: Record<Role, string> = { admin: '管理员', supervisor: '监督人员', agency: '机关工作人员' };

export const MIN_PASSWORD_LENGTH = 10;

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}个字符`;
  if (password.length > 200) return '密码过长（最多200个字符）';
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export interface NewUser {
  login: string;
  displayName: string;
  password: string;
  role: Role;
  regionPrefix?: string | null | undefined;
  agencyId?: string | null | undefined;
  mustChangePassword?: boolean | undefined;
  /** Case-ledger roles (agency staff only). */
  caseRoles?: CaseRole[] | undefined;
}

export async function createUser(db: Executor, u: NewUser): Promise<User> {
  const problem = passwordProblem(u.password);
  if (problem) throw new Error(problem);
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      login: u.login,
      display_name: u.displayName,
      password_hash: await hashPassword(u.password),
      role: u.role,
      region_prefix: u.role === 'supervisor' ? (u.regionPrefix ?? '') : null,
      agency_id: u.role === 'agency' ? (u.agencyId ?? null) : null,
      must_change_password: u.mustChangePassword ?? false,
      case_roles: u.role === 'agency' ? (u.caseRoles ?? []) : [],
    })
    .execute();
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

// A hash to verify against when the login is unknown, so both cases take the same time.
let decoy: Promise<string> | undefined;

/** The user for a login and password, or null (unknown login, wrong password, disabled). */
export async function authenticate(db: Executor, login: string, password: string): Promise<User | null> {
  const user = await db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
  if (!user) {
    await verify(await (decoy ??= hashPassword('decoy-password-for-timing')), password).catch(() => false);
    return null;
  }
  const ok = await verify(user.password_hash, password).catch(() => false);
  return ok && !user.disabled ? user : null;
}

export async function setPassword(db: Executor, userId: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  await db.updateTable('users').set({ password_hash: await hashPassword(password), must_change_password: false }).where('id', '=', userId).execute();
}

/** A user without the password hash (for the API and the audit log). */
export function publicUser(u: User) {
  return {
    id: u.id,
    login: u.login,
    display_name: u.display_name,
    role: u.role,
    region_prefix: u.region_prefix,
    agency_id: u.agency_id,
    must_change_password: u.must_change_password,
    disabled: u.disabled,
    case_roles: u.case_roles,
  };
}
