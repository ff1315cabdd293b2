// Agencies: name and aliases, region code (GB/T 2260), level, kind, parent. Matching a printed
// agency name to an agency: exact name or alias (after normalising spaces and full-width
// characters) is a match; a name no agency resembles is a new agency; a name that resembles
// existing agencies without equalling one is left for a person, with those as suggestions.

import { sql } from 'kysely';
import { departmentOf } from '../model/departments.ts';
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
  // An autonomous region (自治区) is a province: its 区 is not a county's district.
  const place = name.replace(/(人民政府.*|街道办事处.*)$/, '').replaceAll('自治区', '省');
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
 * place (六安市财政局), a unit under the other (合肥市财政局 / 合肥市财政局执法大队), or two
 * departments of the same place (合肥市民政局 / 合肥市财政局, see model/departments.ts).
 */
export function resemblance(name: string, candidate: string): string | null {
  if (name === candidate) return '名称相同';
  const [short, long] = name.length <= candidate.length ? [name, candidate] : [candidate, name];
  if (short.length >= 4 && long.endsWith(short)) return `名称只差前面的“${long.slice(0, long.length - short.length)}”`;
  if (short.length >= 4 && long.startsWith(short) && SUBORDINATE.test(long)) return null;
  if (name.length !== candidate.length || name.slice(0, 2) !== candidate.slice(0, 2)) return null;
  const distance = editDistance(name, candidate);
  if (distance > Math.max(1, Math.floor(short.length / 8))) return null;
  // Two departments of one place differ by a character or two (民政局 / 财政局): no misprint.
  const [own, other] = [departmentOf(name), departmentOf(candidate)];
  return own && other && own !== other ? null : `名称仅差${distance}个字`;
}

/** Text for a LIKE pattern: its own %, _ and backslash taken literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/** Agencies whose name is close to `name` (for a person to choose from). */
export async function similarAgencies(db: Executor, name: string, limit = 5): Promise<AgencySuggestion[]> {
  const norm = normalizeAgencyName(name);
  const out: AgencySuggestion[] = [];
  for (const r of await candidatesOf(db, [norm])) {
    const why = resemblance(norm, r.name);
    if (why) out.push({ id: r.id, name: r.name, why });
  }
  return out.sort(bySuggestion(norm)).slice(0, limit);
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
 * The agencies that may resemble these (normalized) names: what `resemblance` can accept, found
 * through indexes (migration 0034) instead of comparing every agency. A name that is a stretch of
 * four characters or more at the end of one of them; a name that ends with one of them (four
 * characters or more); a name of the same length beginning with the same two characters.
 */
async function candidatesOf(db: Executor, names: readonly string[]): Promise<{ id: string; name: string }[]> {
  const suffixes = new Set<string>();
  const endings = new Set<string>();
  const heads = new Map<string, { head: string; length: number }>();
  for (const n of names) {
    for (let i = 1; n.length - i >= 4; i++) suffixes.add(n.slice(i));
    if (n.length >= 4) endings.add(`${escapeLike([...n].reverse().join(''))}%`);
    if (n.length >= 3) heads.set(`${n.slice(0, 2)}/${n.length}`, { head: n.slice(0, 2), length: n.length });
  }
  if (!suffixes.size && !endings.size && !heads.size) return [];
  return db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where((eb) =>
      eb.or([
        ...(suffixes.size ? [eb('name', 'in', [...suffixes])] : []),
        // One condition each, so that each is a range of an index (LIKE ANY or a join is not).
        ...[...endings].map((e) => sql<boolean>`reverse(name) LIKE ${e}`),
        ...[...heads.values()].map((x) => sql<boolean>`(left(name, 2) = ${x.head} AND char_length(name) = ${x.length})`),
      ]),
    )
    .execute();
}

const placeOf = (name: string) => name.replace('人民政府', '').replace('街道办事处', '');

/** The government a new department's name starts with (the longest such place), if any. */
function parentOf<G extends { name: string }>(name: string, governments: readonly G[]): G | undefined {
  let best: G | undefined;
  for (const g of governments) {
    const place = placeOf(g.name);
    if (place.length < 2 || place.length >= name.length || !name.startsWith(place) || g.name === name) continue;
    if (!best || place.length > placeOf(best.name).length) best = g;
  }
  return best;
}

const bySuggestion = (n: string) => (a: AgencySuggestion, b: AgencySuggestion) =>
  Math.abs(a.name.length - n.length) - Math.abs(b.name.length - n.length) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Whether an agency created for the name at `index` is demo data: the item that first names it decides, never its neighbours in the same call. */
function demoFlag(demo: boolean | readonly boolean[] | undefined, index: number): boolean {
  return (typeof demo === 'object' ? demo[index] : demo) ?? false;
}

/**
 * Match printed agency names in order, one result per printed name (in a fixed number of
 * queries). Exact name or alias → matched. Otherwise, if existing agencies look alike →
 * undecided, with them as suggestions. Otherwise a new agency is created, placed under the
 * government its name starts with when that is known (its region and level taken from it).
 * The names are taken one after the other, each seeing the agencies the names before it
 * created: the result is the same as matching each name on its own, in that order (a
 * department finds the government created just before it; the second report of a new agency
 * has it matched, not created). `demo`: one flag for every name, or one per name.
 */
export async function matchAgenciesInOrder(db: Executor, printed: readonly (string | null)[], options: { demo?: boolean | readonly boolean[] | undefined } = {}): Promise<(MatchResult | undefined)[]> {
  const norms = printed.map((p) => (p ? normalizeAgencyName(p) : ''));
  const names = [...new Set(norms.filter(Boolean))];
  if (!names.length) return norms.map(() => undefined);
  const known = await findAgenciesByNames(db, names);
  const unknown = names.filter((n) => !known.has(n));
  // Candidates for a person's choice: what resemblance may accept for any of the names. Each
  // name keeps only those it resembles, as if it had been looked up on its own.
  const candidates = unknown.length ? await candidatesOf(db, unknown) : [];
  // Governments whose place is a beginning of a new department's name.
  const places = new Set<string>();
  for (const n of unknown) if (kindFromName(n) === 'department') for (let i = 2; i < n.length; i++) places.add(n.slice(0, i));
  const governments: Agency[] = places.size
    ? await db
        .selectFrom('agencies')
        .selectAll()
        .where('kind', '=', 'government')
        .where(sql<boolean>`replace(replace(name, '人民政府', ''), '街道办事处', '') = ANY(${[...places]}::text[])`)
        .execute()
    : [];
  type Row = { id: string; name: string; kind: AgencyKind | null; level: AgencyLevel | null; region_code: string | null; parent_id: string | null; demo: boolean };
  // The candidates' normalized names, made when first compared.
  const candidateNames: (string | undefined)[] = [];
  // Agencies this call creates, in the order of their first printed name.
  const created = new Map<string, Row>();
  const out: ({ kind: 'known'; name: string } | { kind: 'undecided'; suggestions: AgencySuggestion[] } | { kind: 'created'; name: string; first: boolean } | undefined)[] = [];
  norms.forEach((n, index) => {
    if (!n) return out.push(undefined);
    if (known.has(n)) return out.push({ kind: 'known', name: n });
    const row = created.get(n);
    if (row) return out.push({ kind: 'created', name: n, first: false });
    // Names undecided before are looked at again: agencies created since may be suggested too.
    const suggestions: AgencySuggestion[] = [];
    candidates.forEach((c, i) => {
      const why = resemblance(n, (candidateNames[i] ??= normalizeAgencyName(c.name)));
      if (why) suggestions.push({ id: c.id, name: c.name, why });
    });
    for (const c of created.values()) {
      const why = resemblance(n, c.name);
      if (why) suggestions.push({ id: c.id, name: c.name, why });
    }
    if (suggestions.length) return out.push({ kind: 'undecided', suggestions: suggestions.sort(bySuggestion(n)).slice(0, 5) });
    const kind = kindFromName(n);
    const parent = kind === 'department' ? parentOf(n, [...governments, ...[...created.values()].filter((r) => r.kind === 'government')]) : undefined;
    created.set(n, {
      id: newId(),
      name: n,
      kind,
      level: parent?.level ?? levelFromName(n),
      region_code: parent?.region_code ?? null,
      parent_id: parent?.id ?? null,
      demo: demoFlag(options.demo, index),
    });
    return out.push({ kind: 'created', name: n, first: true });
  });
  const stored = new Map<string, Agency>(known);
  if (created.size) {
    // Departments under a government created here are written after it, under its stored id
    // (another worker may have created the same name first).
    const rows = [...created.values()];
    const ownIds = new Set(rows.map((r) => r.id));
    const first = rows.filter((r) => !r.parent_id || !ownIds.has(r.parent_id));
    const second = rows.filter((r) => r.parent_id && ownIds.has(r.parent_id));
    const write = async (batch: Row[]) => {
      if (!batch.length) return;
      await db.insertInto('agencies').values(batch).onConflict((oc) => oc.column('name').doNothing()).execute();
      for (const a of await db.selectFrom('agencies').selectAll().where('name', 'in', batch.map((r) => r.name)).execute()) stored.set(a.name, a);
    };
    await write(first);
    const idOf = new Map(rows.map((r) => [r.id, r.name]));
    await write(second.map((r) => ({ ...r, parent_id: stored.get(idOf.get(r.parent_id!)!)?.id ?? null })));
  }
  // Suggestions of agencies created here, under their stored ids.
  const ownId = new Map([...created.values()].map((r) => [r.id, stored.get(r.name)?.id ?? r.id]));
  return out.map((o): MatchResult | undefined => {
    if (!o) return undefined;
    if (o.kind === 'known') return { match: 'matched', agency: stored.get(o.name), suggestions: [] };
    if (o.kind === 'undecided') return { match: 'undecided', suggestions: o.suggestions.map((s) => ({ ...s, id: ownId.get(s.id) ?? s.id })) };
    return { match: o.first ? 'created' : 'matched', agency: stored.get(o.name), suggestions: [] };
  });
}

/** Match printed agency names (see matchAgenciesInOrder), by normalised name: each name's first result. */
export async function matchAgencies(db: Executor, printed: readonly (string | null)[], options: { demo?: boolean | undefined } = {}): Promise<Map<string, MatchResult>> {
  const results = await matchAgenciesInOrder(db, printed, options);
  const out = new Map<string, MatchResult>();
  printed.forEach((p, i) => {
    const r = results[i];
    if (p && r && !out.has(normalizeAgencyName(p))) out.set(normalizeAgencyName(p), r);
  });
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
