// Chinese names of the codes the API uses (levels, kinds, states, severities, roles).

export const LEVELS: Record<string, string> = { province: '省级', city: '市级', county: '县级', township: '乡级' };
export const KINDS: Record<string, string> = { government: '政府', department: '部门' };
export const STATUSES: Record<string, string> = { needs_decision: '待确定机关或年度', checked: '已核查', reviewed: '已审核' };
export const STATES: Record<string, string> = { open: '待处理', confirmed: '已确认', dismissed: '已驳回', fixed: '已更正' };
export const SEVERITIES: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
export const SEVERITY_COLORS: Record<string, string> = { error: 'red', warning: 'orange', info: 'blue' };
export const ROLES: Record<string, string> = { admin: '管理员', supervisor: '监督人员', agency: '机关工作人员', public: '公众' };
/** The case ledger's roles (依申请公开): who may record what is in docs/cases.md. */
export const CASE_ROLES: Record<string, string> = { registrar: '登记员', handler: '承办人', reviewer: '审核人', head: '负责人' };
export const ORIGINS: Record<string, string> = { parse: '解析', check: '核查', cross: '跨报告核查' };
export const ITEM_STATES: Record<string, string> = { queued: '排队中', running: '处理中', imported: '已导入', duplicate: '重复（已有）', skipped: '已跳过', failed: '失败' };
export const ITEM_COLORS: Record<string, string> = { queued: 'default', running: 'processing', imported: 'success', duplicate: 'default', skipped: 'warning', failed: 'error' };
export const FORMATS: Record<string, string> = { '2019': '2019年版格式', '2021': '2021年版格式' };
/** How a report version was made (assembly: 表三/表四 from the case ledger, 表二 and text typed in Gongkai). */
export const VERSION_KINDS: Record<string, string> = { import: '导入', correction: '更正', assembly: '台账编制' };
export const CELL_STATUSES: Record<string, string> = { read: '读取', reconstructed: '推算补全', blank: '空白', not_applicable: '不适用', missing: '缺失' };
export const ACTIONS: Record<string, string> = {
  login: '登录',
  logout: '退出',
  create: '新建',
  update: '修改',
  correct: '更正数值',
  review: '审核问题',
  import: '导入',
  merge: '合并机关',
  add_alias: '添加别名',
  recheck: '重新核查',
  initialize: '初始化',
  reset_password: '重设密码',
  publish: '发布',
};

export const percent = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);
