// The names of the departments a people's government usually has (its 组成部门 and 直属机构,
// at province, city and county level), as they end an agency's name. Two agency names that end in
// two different departments of this list are two agencies, however few characters they differ by
// (福州市民政局 / 福州市财政局); a name that ends in none of them (财务局) may be a misprint of one.

const BODIES = [
  '发展和改革', '发展改革', '教育', '科学技术', '科技', '工业和信息化', '经济和信息化', '民族宗教事务', '民族事务',
  '公安', '国家安全', '民政', '司法', '财政', '人力资源和社会保障', '人力资源社会保障', '自然资源', '自然资源和规划', '规划和自然资源',
  '生态环境', '住房和城乡建设', '住房城乡建设', '交通运输', '水利', '水务', '农业农村', '商务', '文化和旅游', '文化广电和旅游',
  '文化广电旅游', '卫生健康', '退役军人事务', '应急管理', '审计', '市场监督管理', '统计', '医疗保障', '体育', '林业', '林业和草原',
  '信访', '地方金融监督管理', '城市管理', '城市管理行政执法', '综合行政执法', '机关事务管理', '行政审批', '行政审批服务', '数据资源',
  '大数据', '政务服务管理', '政务服务和大数据管理', '粮食和物资储备', '乡村振兴', '广播电视', '新闻出版', '知识产权', '能源', '文物',
  '药品监督管理', '监狱管理', '气象', '税务', '档案', '地震', '人民防空', '外事', '侨务', '台湾事务', '港澳事务', '国有资产监督管理',
  '民族', '宗教事务', '住房保障', '园林绿化', '海洋', '渔业', '畜牧兽医', '农业', '物价', '安全生产监督管理', '食品药品监督管理',
  '工商行政管理', '质量技术监督', '人口和计划生育', '卫生和计划生育', '环境保护', '国土资源', '城乡规划', '城乡建设', '交通',
];

/** What ends a department's name after its body (民政 + 局, 卫生健康 + 委员会). */
const ENDINGS = ['局', '厅', '委员会', '委', '办公室', '办'];

/** Every department name of the list with each ending, longest first, with its body. */
const NAMES: readonly { name: string; body: string }[] = [...new Map(BODIES.flatMap((body) => ENDINGS.map((e) => [body + e, body] as const))).entries()]
  .map(([name, body]) => ({ name, body }))
  .sort((a, b) => b.name.length - a.name.length);

/** NAMES by their last character (局, 厅, 会, 委, 室, 办), longest first within each. */
const byLastCharacter = new Map<string, { name: string; body: string }[]>();
for (const d of NAMES) byLastCharacter.set(d.name.charAt(d.name.length - 1), [...(byLastCharacter.get(d.name.charAt(d.name.length - 1)) ?? []), d]);

/**
 * The department `name` ends with, as its body (民政 for 合肥市民政局), or null. The ending is
 * not part of it: 生态环境局 and 生态环境厅 are the same department printed for two levels (or
 * misprinted), 民政局 and 财政局 are two.
 */
export function departmentOf(name: string): string | null {
  for (const d of byLastCharacter.get(name.charAt(name.length - 1)) ?? []) if (name.endsWith(d.name)) return d.body;
  return null;
}

