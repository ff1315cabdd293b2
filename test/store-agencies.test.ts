// Matching printed agency names in the store, on both backends: names matched together give the
// same agencies and the same answers as each name matched on its own, in the same order (an
// import's chunks must not change which government a department is placed under).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { levelFromName, matchAgenciesInOrder, matchAgencies, similarAgencies, type MatchResult } from '../src/store/agencies.ts';
import type { Executor } from '../src/store/bulk.ts';
import { newId } from '../src/store/ids.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

/** The agencies table with ids replaced by names (ids differ from one store to the other). */
async function agenciesOf(db: Executor) {
  const rows = await db.selectFrom('agencies').select(['id', 'name', 'kind', 'level', 'region_code', 'parent_id']).orderBy('name').execute();
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return rows.map(({ id: _id, parent_id, ...r }) => ({ ...r, parent: parent_id ? names.get(parent_id) : null }));
}

/** A result with ids replaced by names. */
function shown(r: MatchResult | undefined) {
  if (!r) return r;
  return { match: r.match, agency: r.agency?.name, suggestions: r.suggestions.map((s) => `${s.name}：${s.why}`) };
}

const PRINTED = [
  '合肥市人民政府',
  '合肥市财政局',
  '合肥市 财政局', // the same name printed with a space: matched, not created again
  '昆山市人民政府办公室',
  '昆山市人民政府办公厅', // one character from 昆山市人民政府办公室: left for a person
  '安徽省合肥市财政局', // 合肥市财政局 with its province in front: left for a person
  '合肥市人民政府',
  '三亚市统计局', // before its government: no parent, as when matched on its own
  '三亚市人民政府',
  '三亚市统计局执法大队',
  null,
];

for (const backend of BACKENDS) {
  describe(`agency matching on ${backend}`, () => {
    let together: TestStore;
    let apart: TestStore;
    before(async () => {
      together = await freshStore(backend);
      apart = await freshStore(backend);
    });
    after(async () => {
      await together.close();
      await apart.close();
    });

    test('a department finds the government created before it in the same call', async () => {
      const byName = await matchAgencies(together.db, ['合肥市人民政府', '合肥市财政局']);
      const [gov, dept] = [byName.get('合肥市人民政府'), byName.get('合肥市财政局')];
      assert.equal(gov?.match, 'created');
      assert.equal(dept?.match, 'created');
      assert.equal(dept?.agency?.parent_id, gov?.agency?.id);
      assert.equal(dept?.agency?.level, gov?.agency?.level);
    });

    test('names matched together give what each name matched on its own gives', async () => {
      // `together` has the first two names already (test above); so does `apart`, one at a time.
      await matchAgenciesInOrder(apart.db, ['合肥市人民政府']);
      await matchAgenciesInOrder(apart.db, ['合肥市财政局']);
      const all = await matchAgenciesInOrder(together.db, PRINTED);
      const one: (MatchResult | undefined)[] = [];
      for (const p of PRINTED) one.push((await matchAgenciesInOrder(apart.db, [p]))[0]);
      assert.deepEqual(all.map(shown), one.map(shown));
      assert.deepEqual(await agenciesOf(together.db), await agenciesOf(apart.db));
      const rows = new Map((await agenciesOf(together.db)).map((a) => [a.name, a]));
      assert.equal(rows.get('三亚市统计局执法大队')?.parent, '三亚市人民政府');
      assert.equal(rows.get('三亚市统计局')?.parent, null);
      assert.equal(all[4]?.match, 'undecided');
      assert.deepEqual(all[4]?.suggestions.map((s) => s.name), ['昆山市人民政府办公室']);
      assert.equal(all[4]?.suggestions[0].id, all[3]?.agency?.id);
      assert.equal(all[5]?.match, 'undecided');
      assert.deepEqual(all[5]?.suggestions.map((s) => s.name), ['合肥市财政局']);
      assert.equal(all[9]?.match, 'created');
      assert.equal(all[10], undefined);
    });

    test('a new agency is created once: its later reports have it matched', async () => {
      const all = await matchAgenciesInOrder(together.db, ['南京市人民政府', '南京市人民政府', '南京市 人民政府']);
      assert.deepEqual(all.map((r) => r?.match), ['created', 'matched', 'matched']);
      assert.equal(new Set(all.map((r) => r?.agency?.id)).size, 1);
      const byName = await matchAgencies(together.db, ['南京市人民政府']);
      assert.equal(byName.get('南京市人民政府')?.agency?.id, all[0]?.agency?.id);
    });

    test('an agency is demo data only when the item that names it first is', async () => {
      const all = await matchAgenciesInOrder(together.db, ['苏州市人民政府', '无锡市人民政府', '苏州市人民政府'], { demo: [true, false, false] });
      assert.deepEqual(all.map((r) => r?.match), ['created', 'created', 'matched']);
      assert.deepEqual(all.map((r) => r?.agency?.demo), [true, false, true]);
    });

    test('a short name with a character changed in its middle is left for a person, not created', async () => {
      // Every 4-character stretch of 泗县财务局 and of 合肥巿财政局 (巿, a common misreading of 市)
      // holds the changed character: the candidates are found by their length and first two characters.
      await matchAgenciesInOrder(together.db, ['泗县财政局']);
      const later = await matchAgenciesInOrder(together.db, ['泗县财务局', '合肥巿财政局', '泗县统计局']);
      assert.equal(later[0]?.match, 'undecided');
      assert.deepEqual(later[0]?.suggestions.map((s) => s.name), ['泗县财政局']);
      assert.equal(later[1]?.match, 'undecided');
      assert.deepEqual(later[1]?.suggestions.map((s) => s.name), ['合肥市财政局']);
      assert.equal(later[2]?.match, 'created'); // two characters changed (统计 / 财政): another agency
      const same = await matchAgenciesInOrder(together.db, ['滁州市教育局', '滁州巿教育局']);
      assert.deepEqual(same.map((r) => r?.match), ['created', 'undecided']);
      assert.deepEqual((await similarAgencies(together.db, '泗县财务局')).map((s) => s.name), ['泗县财政局']);
      // Two departments of one place are two agencies, one character apart or not.
      const departments = await matchAgenciesInOrder(together.db, ['泗县民政局', '合肥市民政局', '泗县水利局', '泗县水务局']);
      assert.deepEqual(departments.map((r) => r?.match), ['created', 'created', 'created', 'created']);
      // The same department with another ending (厅 for 局) may be a misprint: left for a person.
      const ending = await matchAgenciesInOrder(together.db, ['泗县民政厅']);
      assert.deepEqual(ending[0]?.suggestions.map((s) => s.name), ['泗县民政局']);
    });

    test('the agency a name resembles is found among many that share its words', async () => {
      // 800 governments share 人民政府 (and 县人民政, 民政府…) with the printed name; the one it
      // resembles was created last.
      await together.db
        .insertInto('agencies')
        .values(Array.from({ length: 800 }, (_, i) => ({ id: newId(), name: `第${i}号县人民政府`, kind: 'government' as const })))
        .execute();
      await matchAgenciesInOrder(together.db, ['阿合奇县人民政府']);
      const printed = '克孜勒苏柯尔克孜自治州阿合奇县人民政府';
      assert.deepEqual(
        (await similarAgencies(together.db, printed)).map((s) => `${s.name}：${s.why}`),
        ['阿合奇县人民政府：名称只差前面的“克孜勒苏柯尔克孜自治州”'],
      );
      const [r] = await matchAgenciesInOrder(together.db, [printed]);
      assert.equal(r?.match, 'undecided');
      assert.deepEqual(r?.suggestions.map((s) => s.name), ['阿合奇县人民政府']);
    });
  });
}

describe('the level of an agency from its name', () => {
  test('an autonomous region and its departments are provincial; its prefectures and counties are not', () => {
    assert.equal(levelFromName('广西壮族自治区人民政府'), 'province');
    assert.equal(levelFromName('内蒙古自治区'), 'province');
    assert.equal(levelFromName('西藏自治区林业和草原局'), 'province');
    assert.equal(levelFromName('宁夏回族自治区人民政府办公厅'), 'province');
    assert.equal(levelFromName('新疆维吾尔自治区乌鲁木齐市人民政府'), 'city');
    assert.equal(levelFromName('延边朝鲜族自治州人民政府'), 'city');
    assert.equal(levelFromName('长阳土家族自治县人民政府'), 'county');
    assert.equal(levelFromName('北京市海淀区人民政府'), 'county');
    assert.equal(levelFromName('湖北省人民政府'), 'province');
  });
});
