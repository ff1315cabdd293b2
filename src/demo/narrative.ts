// Narratives for the demo corpus: each report's own sentences, drawn from pools of varied
// wording with the agency's own subjects and this year's figures, so that two demo reports share
// no more than real reports of different agencies do — and the copies planted in the corpus
// stand out. The figures stated are the report's tables' own.

import type { Report } from '../interchange/types.ts';
import type { Source } from './random.ts';

const SUBJECTS: Record<string, string[]> = {
  财政: ['预决算公开', '政府采购信息', '惠民惠农补贴资金', '政府债务信息', '专项资金分配结果'],
  生态环境: ['环境影响评价审批', '排污许可', '空气质量月报', '突发环境事件处置', '环境行政处罚结果'],
  教育: ['招生入学政策', '学校收费标准', '教育经费使用', '教师招聘信息', '学生资助政策'],
  民政: ['最低生活保障', '养老服务机构', '社会组织登记', '婚姻登记服务', '救助资金发放'],
  市场监督: ['食品安全抽检结果', '企业登记注册', '行政处罚决定', '特种设备安全', '价格监督检查'],
  交通运输: ['公路建设项目', '道路运输许可', '公交线路调整', '交通执法结果', '农村公路养护'],
  政府: ['重大行政决策', '政府工作报告', '重点项目建设', '民生实事进展', '规范性文件清理'],
  街道: ['社区事务公开', '惠民政策落实', '居民议事协商', '网格化服务', '物业管理纠纷调处'],
};

function subjectsOf(agency: string): string[] {
  for (const [k, v] of Object.entries(SUBJECTS)) if (agency.includes(k)) return v;
  if (/街道|乡|镇/.test(agency)) return SUBJECTS.街道;
  return SUBJECTS.政府;
}

const OPENINGS = [
  (a: string, y: number) => `${y}年，${a}以提升政务公开质效为目标，按照年度政务公开工作要点逐项抓好落实。`,
  (a: string, y: number) => `${y}年以来，${a}把政务公开融入日常工作，明确分管领导和具体承办人员，形成了分工清晰的工作格局。`,
  (a: string, y: number) => `过去一年，${a}围绕中心工作，持续推进决策、执行、管理、服务、结果公开，${y}年公开工作总体平稳有序。`,
  (a: string, y: number) => `${a}高度重视${y}年度政府信息公开工作，年初召开专题会议研究部署，年中开展自查，年底进行总结。`,
  (a: string, y: number) => `对照上级考核指标，${a}在${y}年重点补齐栏目更新不及时、解读不到位等短板。`,
  (a: string, y: number) => `${y}年是${a}深化政务公开标准化规范化建设的关键一年，各项工作稳步推进。`,
  (a: string, y: number) => `本年度，${a}坚持以群众需求为导向，把公开要求落实到行政权力运行的各个环节，${y}年工作取得新进展。`,
  (a: string, y: number) => `${a}在${y}年调整充实了政务公开工作领导小组，由主要负责同志牵头，办公室具体承办。`,
];
const ACTIVE = [
  (s: string, n: number) => `围绕${s}等群众关注事项，全年主动公开各类信息${n}条。`,
  (s: string, n: number) => `在门户网站开设${s}专题，累计发布信息${n}条，做到应公开尽公开。`,
  (s: string, n: number) => `通过政务新媒体同步推送${s}相关信息${n}条，扩大了公开覆盖面。`,
  (s: string, n: number) => `对${s}实行清单化管理，按季度更新，本年更新发布${n}条。`,
  (s: string, n: number) => `及时发布${s}的办理进度和结果，全年共发布${n}条，接受社会监督。`,
  (s: string, n: number) => `按照公开目录要求，本年新增公开${s}方面的信息${n}条，并对存量信息逐条复核。`,
];
const INTERPRETATION = [
  (s: string, n: number) => `针对${s}制发图文解读${n}篇，用通俗语言讲清政策要点。`,
  (s: string, n: number) => `邀请业务科室负责人就${s}开展在线访谈${n}次，回应社会关切。`,
  (s: string, n: number) => `围绕${s}制作一图读懂、短视频等解读产品${n}件。`,
  (s: string, n: number) => `对涉及${s}的文件做到政策文件与解读材料同步起草、同步审签、同步发布，全年发布解读${n}篇。`,
  (s: string, n: number) => `组织${n}次政策宣讲进社区活动，现场解答群众关于${s}的咨询。`,
];
const PLATFORM = [
  '完成门户网站适老化和无障碍改造，优化了检索功能。',
  '对政府信息公开专栏进行全面梳理，清理过期链接和空白栏目。',
  '规范政务新媒体账号管理，建立信息发布前的内容审核台账。',
  '在办事大厅设置政府信息公开查阅点，方便群众现场查询。',
  '建立网站与政务新媒体信息同步发布机制，避免口径不一。',
  '升级依申请公开在线办理系统，实现申请、受理、答复全流程留痕。',
  '对历年公开文件进行集中归档，补录缺失的发布日期和文号。',
  '开通智能问答服务，对常见咨询实现自动答复和人工复核。',
];
const SUPERVISION = [
  '将政务公开纳入科室年度绩效考核，按季度通报情况。',
  '组织开展政务公开业务培训，覆盖全体信息发布人员。',
  '聘请社会监督员对公开内容进行评议，收集意见建议。',
  '建立错敏信息排查机制，每月开展一次自查。',
  '畅通意见反馈渠道，对网民留言做到件件有回音。',
  '将公开工作情况纳入年度述职内容，压实工作责任。',
  '委托第三方机构开展公开质量评估，形成问题清单并逐项整改。',
];
const PROBLEMS = [
  (s: string) => `主要问题：${s}方面的信息更新还不够及时，政策解读的针对性有待增强。下一步将细化发布时限，提高解读质量。`,
  (s: string) => `工作中还存在${s}公开深度不足、基层公开人员力量薄弱等问题。今后将加强业务指导，充实工作力量。`,
  (s: string) => `对照群众期盼，${s}等领域公开的标准化程度还不高。我们将编制公开事项标准目录，推动规范运行。`,
  (s: string) => `一是${s}信息的集中展示还不够；二是依申请公开答复文书的规范性有待提高。将逐项制定整改措施。`,
  (s: string) => `${s}相关数据的开放程度不高，部分信息仍以图片形式发布、不便检索。今后将逐步改为可下载的结构化数据。`,
  (s: string) => `少数科室对公开属性认定把握不准，${s}信息存在应公开未公开的情况。下一步将完善源头认定和发布审核。`,
];

function pick<T>(src: Source, items: readonly T[]): T {
  return src.pick(items);
}

/** The six sections' texts for a report whose tables are final. */
export function demoNarrative(src: Source, report: Report): Record<string, string> {
  const agency = report.agency!;
  const year = report.year!;
  const subjects = subjectsOf(agency);
  const s1 = pick(src, subjects);
  const s2 = pick(src, subjects.filter((x) => x !== s1));
  const received = report.tables.applications?.new_received?.total ?? 0;
  const overview = [
    pick(src, OPENINGS)(agency, year),
    `（一）主动公开。${pick(src, ACTIVE)(s1, src.int(30, 900))}${pick(src, INTERPRETATION)(s2, src.int(2, 40))}`,
    `（二）依申请公开。${received ? `全年收到政府信息公开申请${received}件，均在法定期限内答复。` : '全年未收到政府信息公开申请。'}`,
    `（三）平台建设。${pick(src, PLATFORM)}`,
    `（四）监督保障。${pick(src, SUPERVISION)}`,
  ];
  return {
    overview: overview.join('\n'),
    problems: pick(src, PROBLEMS)(pick(src, subjects)),
    other_matters: src.chance(0.5) ? `${year}年度，${agency}未收取信息处理费。` : '本年度没有产生信息处理费，无其他需要报告的事项。',
  };
}
