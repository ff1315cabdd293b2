// Agencies: name and aliases, region code (GB/T 2260), level, kind, parent. Matching a printed
// agency name to an agency: exact name or alias (after normalising spaces and full-width
// characters) is a match; a name no agency resembles is a new agency; a name that resembles
// existing agencies without equalling one is left for a person, with those as suggestions.

import { sql } from 'kysely';
import type { Executor } from './bulk.ts';
import { newId } from './ids.ts';
import type { Agency, AgencyKind, AgencyLevel, AgencyMatch, AgencySuggestion } from './schema.ts';

export const LEVEL_NAMES: Record<AgencyLevel, string> = { province: '省级', city: '市级', county: '县级', township: '乡级' };
export const KIND_NAMES: Record<AgencyKind, string> = { government: '政府', department: '部门' };

/** Names normalised already (an import matches each chunk's names against the same agencies). */
const normalized = new Map<string, string>();

/** Spaces and full-width forms removed, so that printed variants of one name compare equal. */
export function normalizeAgencyName(name: string): string {
  let out = normalized.get(name);
  if (out === undefined) {
    out = name
      .normalize('NFKC')
      .replace(/[\s\u3000]+/g, '')
      .replace(/[（(]/g, '（')
      .replace(/[）)]/g, '）');
    if (normalized.size >= 20_000) normalized.clear();
    normalized.set(name, out);
  }
  return out;
}


/** The kind of agency a name says it is (a government or a department), when it says. */
export function kindFromName(name: string): AgencyKind | null {
  if (/(人民政府|街道办事处|人民政府办公(厅|室))$/.test(name)) return /办公(厅|室)$/.test(name) ? 'department' : 'government';
  if (/(局|委员会|委|厅|办公室|办|中心|署|院|所|队|支队|大队|站|处|部|会)$/.test(name)) return 'department';
  return null;
}

/** The level a name implies from its place words, when it does (a suggestion only). */
export function levelFromName(name: string): AgencyLevel | null {
  const place = name.replace(/(人民政府.*|街道办事处.*)$/, '');
  if (/(乡|镇|街道)$/.test(place) || /街道办事处$/.test(name)) return 'township';
  if (/(县|区|旗|县级市)$/.test(place) || /[县区旗](?=[^县区旗市州省]*$)/.test(place.slice(-8))) return 'county';
  if (/(市|州|盟|地区)/.test(place)) return 'city';
  if (/(省|自治区)/.test(place)) return 'province';
  return null;
}

export interface MatchResult {
  match: AgencyMatch;
  agency?: Agency | undefined;
  suggestions: AgencySuggestion[];
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Words that end the name of a unit under another agency (克州生态环境局阿合奇县分局). */
const SUBORDINATE = /(分局|大队|支队|中队|中心|站|所|办公室|办公厅|科|处|队|院|馆)$/;

/**
 * Why `candidate` may be the agency printed as `name`, or null when it is not alike: one name is
 * the other with a place in front (安徽省合肥市财政局 / 合肥市财政局), or they differ by a character
 * or two at the same place (办公厅 / 办公室, a typo). Not alike: the same department of another
 * place (六安市财政局), or a unit under the other (合肥市财政局 / 合肥市财政局执法大队).
 */
export function resemblance(name: string, candidate: string): string | null {
  if (name === candidate) return '名称相同';
  const [short, long] = name.length <= candidate.length ? [name, candidate] : [candidate, name];
  if (short.length >= 4 && long.endsWith(short)) return `名称只差前面的“${long.slice(0, long.length - short.length)}”`;
  if (short.length >= 4 && long.startsWith(short) && SUBORDINATE.test(long)) return null;
  if (name.length !== candidate.length || name.slice(0, 2) !== candidate.slice(0, 2)) return null;
  const distance = editDistance(name, candidate);
  return distance <= Math.max(1, Math.floor(short.length / 8)) ? `名称仅差${distance}个字` : null;
}

/** Agencies whose name is close to `name` (for a person to choose from). */
export async function similarAgencies(db: Executor, name: string, limit = 5): Promise<AgencySuggestion[]> {
  const norm = normalizeAgencyName(name);
  // Candidates share a 4-character stretch with the name (its place or its department words).
  const pieces = new Set<string>();
  for (let i = 0; i + 4 <= norm.length; i += 2) pieces.add(norm.slice(i, i + 4));
  if (!pieces.size) pieces.add(norm);
  const like = [...pieces].map((p) => `%${p.replace(/[\\%_]/g, '\\$&')}%`);
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where((eb) => eb.or(like.map((l) => eb('name', 'like', l))))
    .limit(500)
    .execute();
  const out: AgencySuggestion[] = [];
  for (const r of rows) {
    const why = resemblance(norm, normalizeAgencyName(r.name));
    if (why) out.push({ id: r.id, name: r.name, why });
  }
  return out.sort((a, b) => Math.abs(a.name.length - norm.length) - Math.abs(b.name.length - norm.length)).slice(0, limit);
}

export async function findAgencyByName(db: Executor, name: string): Promise<Agency | undefined> {
  const norm = normalizeAgencyName(name);
  const direct = await db.selectFrom('agencies').selectAll().where('name', '=', norm).executeTakeFirst();
  if (direct) return direct;
  return db
    .selectFrom('agency_aliases')
    .innerJoin('agencies', 'agencies.id', 'agency_aliases.agency_id')
    .selectAll('agencies')
    .where('agency_aliases.alias', '=', norm)
    .executeTakeFirst();
}

/** Agencies by normalised name or alias, for many names at once. */
export async function findAgenciesByNames(db: Executor, names: readonly string[]): Promise<Map<string, Agency>> {
  const norms = [...new Set(names.map(normalizeAgencyName))];
  const out = new Map<string, Agency>();
  if (!norms.length) return out;
  for (const a of await db.selectFrom('agencies').selectAll().where('name', 'in', norms).execute()) out.set(a.name, a);
  const rest = norms.filter((n) => !out.has(n));
  if (rest.length) {
    const aliased = await db
      .selectFrom('agency_aliases')
      .innerJoin('agencies', 'agencies.id', 'agency_aliases.agency_id')
      .selectAll('agencies')
      .select('agency_aliases.alias')
      .where('agency_aliases.alias', 'in', rest)
      .execute();
    for (const { alias, ...a } of aliased) out.set(alias, a);
  }
  return out;
}

export interface NewAgency {
  name: string;
  region_code?: string | null | undefined;
  level?: AgencyLevel | null | undefined;
  kind?: AgencyKind | null | undefined;
  parent_id?: string | null | undefined;
  demo?: boolean | undefined;
}

export async function createAgency(db: Executor, input: NewAgency): Promise<Agency> {
  const name = normalizeAgencyName(input.name);
  await db
    .insertInto('agencies')
    .values({
      id: newId(),
      name,
      region_code: input.region_code ?? null,
      level: input.level ?? null,
      kind: input.kind ?? null,
      parent_id: input.parent_id ?? null,
      demo: input.demo ?? false,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return db.selectFrom('agencies').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

/**
 * Match printed agency names (many at once, in a fixed number of queries). Exact name or alias
 * → matched. Otherwise, if existing agencies look alike → undecided, with them as suggestions.
 * Otherwise a new agency is created, placed under the government its name starts with when that
 * is known (its region and level taken from it).
 */
export async function matchAgencies(db: Executor, printed: readonly (string | null)[], options: { demo?: boolean | undefined } = {}): Promise<Map<string, MatchResult>> {
  const out = new Map<string, MatchResult>();
  const names = [...new Set(printed.filter((p): p is string => !!p).map(normalizeAgencyName).filter(Boolean))];
  if (!names.length) return out;
  const known = await findAgenciesByNames(db, names);
  for (const [n, a] of known) out.set(n, { match: 'matched', agency: a, suggestions: [] });
  const unknown = names.filter((n) => !known.has(n));
  if (!unknown.length) return out;
  // Candidates for a person's choice share a 4-character stretch with a name.
  const patterns = new Set<string>();
  for (const n of unknown) for (let i = 0; i + 4 <= n.length; i += 2) patterns.add(`%${n.slice(i, i + 4).replace(/[\\%_]/g, '\\$&')}%`);
  const candidates = patterns.size
    ? await db.selectFrom('agencies').select(['id', 'name']).where(sql<boolean>`name LIKE ANY(${[...patterns]}::text[])`).execute()
    : [];
  const create: string[] = [];
  for (const n of unknown) {
    const suggestions: AgencySuggestion[] = [];
    for (const c of candidates) {
      const why = resemblance(n, normalizeAgencyName(c.name));
      if (why) suggestions.push({ id: c.id, name: c.name, why });
    }
    suggestions.sort((a, b) => Math.abs(a.name.length - n.length) - Math.abs(b.name.length - n.length));
    if (suggestions.length) out.set(n, { match: 'undecided', suggestions: suggestions.slice(0, 5) });
    else create.push(n);
  }
  if (!create.length) return out;
  // Governments whose place is a beginning of a new department's name.
  const places = new Set<string>();
  for (const n of create) for (let i = 2; i < n.length; i++) places.add(n.slice(0, i));
  const governments = await db
    .selectFrom('agencies')
    .selectAll()
    .where('kind', '=', 'government')
    .where(sql<boolean>`replace(replace(name, '人民政府', ''), '街道办事处', '') = ANY(${[...places]}::text[])`)
    .execute();
  const placeOf = (g: Agency) => g.name.replace('人民政府', '').replace('街道办事处', '');
  const rows = create.map((name) => {
    const kind = kindFromName(name);
    const parent =
      kind === 'department' ? governments.filter((g) => name.startsWith(placeOf(g)) && g.name !== name).sort((a, b) => placeOf(b).length - placeOf(a).length)[0] : undefined;
    return {
      id: newId(),
      name,
      kind,
      level: parent?.level ?? levelFromName(name),
      region_code: parent?.region_code ?? null,
      parent_id: parent?.id ?? null,
      demo: options.demo ?? false,
    };
  });
  await db.insertInto('agencies').values(rows).onConflict((oc) => oc.column('name').doNothing()).execute();
  for (const a of await db.selectFrom('agencies').selectAll().where('name', 'in', create).execute()) out.set(a.name, { match: 'created', agency: a, suggestions: [] });
  return out;
}

/** Match one printed agency name (see matchAgencies). */
export async function matchAgency(db: Executor, printed: string | null, options: { demo?: boolean | undefined } = {}): Promise<MatchResult> {
  if (!printed || !normalizeAgencyName(printed)) return { match: 'undecided', suggestions: [] };
  return (await matchAgencies(db, [printed], options)).get(normalizeAgencyName(printed)) ?? { match: 'undecided', suggestions: [] };
}

export async function addAlias(db: Executor, agencyId: string, alias: string): Promise<void> {
  await db
    .insertInto('agency_aliases')
    .values({ alias: normalizeAgencyName(alias), agency_id: agencyId })
    .onConflict((oc) => oc.column('alias').doUpdateSet({ agency_id: agencyId }))
    .execute();
}

export async function agencyAliases(db: Executor, agencyId: string): Promise<string[]> {
  return (await db.selectFrom('agency_aliases').select('alias').where('agency_id', '=', agencyId).orderBy('alias').execute()).map((r) => r.alias);
}
