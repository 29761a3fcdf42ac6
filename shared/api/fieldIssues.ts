// What is wrong with an input, as codes with parameters (never a validator's prose), and its words
// in each language: the dispatcher turns a schema's complaints into these, the renderer shows them
// beside the field and in the one-line message. Limits are given in the user's unit: money in
// yuan, prices in yuan per kWh, energy in kWh, text in characters.
import { formatDecimal, formatMoney } from '../units';
import type { Language } from '../errors';

export type IssueCode =
  | 'required'
  | 'too_long'
  | 'too_short'
  | 'too_large'
  | 'too_small'
  | 'not_a_number'
  | 'not_whole'
  | 'not_text'
  | 'not_a_choice'
  | 'too_many'
  | 'too_few'
  | 'unknown_field'
  | 'bad_characters'
  | 'rule'
  | 'invalid';

/** Schema rules with their own words, named in a schema's message as `rule:<key>`. */
export const RULES = {
  hhmm: { 'zh-CN': '时间应为 时:分，如 08:30', en: 'a time as HH:MM, such as 08:30' },
  templateCode: {
    'zh-CN': '模板号应为 SMS_ 加数字，如 SMS_123456789',
    en: 'a template code: SMS_ and digits, such as SMS_123456789',
  },
  first_segment_midnight: {
    'zh-CN': '第一个时段应从 00:00 开始',
    en: 'the first segment must start at 00:00',
  },
  segments_in_order: { 'zh-CN': '时段应按时间先后排列', en: 'segments must be in time order' },
  rate_needs_price: {
    'zh-CN': '时段用到的费率（尖峰平谷）都要有单价',
    en: 'every rate a segment uses needs a price',
  },
  last_step_open: {
    'zh-CN': '只有最后一档不设上限',
    en: 'only the last step has no upper bound',
  },
  steps_rise: { 'zh-CN': '各档上限应逐档增加', en: 'each step’s bound must be above the last' },
  login_name: {
    'zh-CN': '只能用字母、数字和 _ . -',
    en: 'letters, digits and _ . - only',
  },
  code_chars: {
    'zh-CN': '只能用字母、数字和 -',
    en: 'letters, digits and - only',
  },
  hex8: { 'zh-CN': '应为 8 位十六进制数字', en: 'eight hexadecimal digits' },
  twelve_digits: { 'zh-CN': '应为 12 位数字', en: 'twelve digits' },
  date_time: {
    'zh-CN': '应为 年-月-日 时:分:秒',
    en: 'a date and time as YYYY-MM-DD hh:mm:ss',
  },
  backup_source: {
    'zh-CN': '请选择一个备份：备份列表中的一个，或一个文件',
    en: 'choose one backup: from the list, or a file',
  },
  modbus_unit: {
    'zh-CN': 'Modbus 电表需要填写站号',
    en: 'a Modbus meter needs its unit address',
  },
  one_limit: { 'zh-CN': '至少设置一项限值', en: 'set at least one limit' },
  no_repeats: { 'zh-CN': '同一项不能出现两次', en: 'an entry may appear only once' },
  grant_or_withhold: {
    'zh-CN': '同一权限不能既授予又收回',
    en: 'a permission cannot be both granted and withheld',
  },
  period_forward: {
    'zh-CN': '结束时间应晚于开始时间',
    en: 'the end must come after the start',
  },
  periods_apart: {
    'zh-CN': '各时段应按时间先后排列且不重叠',
    en: 'periods must be in time order and must not overlap',
  },
  window_forward: {
    'zh-CN': '功率下限不能高于上限',
    en: 'the lower power bound cannot be above the upper one',
  },
  all_alone: {
    'zh-CN': '“整间”不能与其他回路用途同时选择',
    en: '“whole room” cannot go with other purposes',
  },
  box_stations: {
    'zh-CN': '站号加回路数超出 247：请改用较小的站号',
    en: 'the station number plus the circuits goes past 247: use a lower station number',
  },
  office_date: { 'zh-CN': '日期应为 年-月-日', en: 'a date as YYYY-MM-DD' },
  one_control: { 'zh-CN': '至少设置一项控制', en: 'set at least one control' },
  phone_digits: {
    'zh-CN': '只能填写数字，可用 - 或空格分隔',
    en: 'digits only, with - or spaces between groups',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type RuleKey = keyof typeof RULES;

/** The message a schema gives so its complaint becomes a coded rule (`rule:hhmm`). */
export const rule = (key: RuleKey): string => `rule:${key}`;

export type IssueUnit = 'characters' | 'money' | 'price' | 'energy' | 'items' | 'number';

export interface FieldIssue {
  /** Where in the input, dotted (`definition.steps.1.upTo`): for the form, never shown. */
  path: string;
  code: IssueCode;
  /** The bound broken, in the field's own unit (fen for money). */
  limit?: number;
  unit?: IssueUnit;
  /** For `rule`: which one. */
  rule?: RuleKey;
}

/** What a field's number is counted in, from the contract's naming (…Fen is money, …). */
export function unitOfField(path: string): IssueUnit {
  const name = lastName(path);
  if (/fen$/i.test(name) || name === 'amount') return 'money';
  if (['price', 'sharp', 'peak', 'flat', 'valley'].includes(name)) return 'price';
  if (['energy', 'freeAllowance', 'upTo'].includes(name) || /reading$/i.test(name)) return 'energy';
  return 'number';
}

function lastName(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  return parts[parts.length - 1] ?? '';
}

/** The field's name as the office says it; a neutral word for one without a label. */
export function fieldLabel(path: string, language: Language): string {
  const label = FIELD_LABELS[lastName(path)];
  if (label) return label[language];
  return language === 'zh-CN' ? '某一项' : 'one of the entries';
}

function limitText(issue: FieldIssue, language: Language): string {
  const limit = issue.limit ?? 0;
  switch (issue.unit) {
    case 'money':
      return formatMoney(limit);
    case 'price': {
      // 0.8500 reads as 0.85: a bound, not a tariff line.
      const yuan = formatDecimal(limit, 4).replace(/(\.\d\d\d*?)0+$/, '$1');
      return language === 'zh-CN' ? `${yuan} 元/kWh` : `${yuan} yuan/kWh`;
    }
    case 'energy':
      return `${formatDecimal(limit, 2)} kWh`;
    case 'characters':
      return language === 'zh-CN' ? `${limit} 个字` : `${limit} character${limit === 1 ? '' : 's'}`;
    case 'items':
      return language === 'zh-CN' ? `${limit} 项` : `${limit} item${limit === 1 ? '' : 's'}`;
    default:
      return String(limit);
  }
}

const WORDS: Record<Exclude<IssueCode, 'rule'>, Record<Language, string>> = {
  required: { 'zh-CN': '{field}必须填写', en: '{field} is required' },
  too_long: { 'zh-CN': '{field}最多 {limit}', en: '{field} takes at most {limit}' },
  too_short: { 'zh-CN': '{field}至少要 {limit}', en: '{field} needs at least {limit}' },
  too_large: { 'zh-CN': '{field}不能超过 {limit}', en: '{field} may be at most {limit}' },
  too_small: { 'zh-CN': '{field}不能低于 {limit}', en: '{field} must be at least {limit}' },
  not_a_number: { 'zh-CN': '{field}应为数字', en: '{field} must be a number' },
  not_whole: { 'zh-CN': '{field}的小数位太多', en: '{field} has too many decimals' },
  not_text: { 'zh-CN': '{field}应为文字', en: '{field} must be text' },
  not_a_choice: { 'zh-CN': '{field}不是可选的值之一', en: '{field} is not one of the choices' },
  too_many: { 'zh-CN': '{field}最多 {limit}', en: '{field} takes at most {limit}' },
  too_few: { 'zh-CN': '{field}至少要 {limit}', en: '{field} needs at least {limit}' },
  unknown_field: {
    'zh-CN': '请求中有本程序不认识的内容',
    en: 'the request holds something this version does not know',
  },
  bad_characters: {
    'zh-CN': '{field}含有不能保存或打印的字符（如控制符、方向符），请重新输入',
    en: '{field} holds characters that cannot be kept or printed (control or direction marks); please type it again',
  },
  invalid: { 'zh-CN': '{field}的格式不对', en: '{field} is not in the right form' },
};

/** One issue in words, e.g. "金额不能超过 ¥100,000,000.00" / "Amount may be at most ¥100,000,000.00". */
export function issueText(issue: FieldIssue, language: Language): string {
  const field = fieldLabel(issue.path, language);
  let text: string;
  if (issue.code === 'rule' && issue.rule) {
    const words = RULES[issue.rule][language];
    text = language === 'zh-CN' ? `${field}：${words}` : `${field}: ${words}`;
  } else {
    text = WORDS[issue.code === 'rule' ? 'invalid' : issue.code][language]
      .replace('{field}', field)
      .replace('{limit}', issue.limit === undefined ? '' : limitText(issue, language));
  }
  // A sentence in English starts with a capital, whatever the label.
  return language === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** The contract's field names in the office's words (the last segment of a path). */
export const FIELD_LABELS: Record<string, Record<Language, string>> = {
  accountId: { 'zh-CN': '账户', en: 'account' },
  accountNo: { 'zh-CN': '账户号', en: 'account number' },
  active: { 'zh-CN': '启用', en: 'active' },
  addToUnloaded: { 'zh-CN': '追加到未读卡购电', en: 'add to the unloaded purchase' },
  address: { 'zh-CN': '表地址', en: 'meter address' },
  admin: { 'zh-CN': '管理员', en: 'administrator' },
  after: { 'zh-CN': '修改后', en: 'after' },
  alarm1Fen: { 'zh-CN': '一级报警金额', en: 'first alarm amount' },
  alarm2Fen: { 'zh-CN': '二级报警金额', en: 'second alarm amount' },
  alipay: { 'zh-CN': '支付宝', en: 'Alipay' },
  amount: { 'zh-CN': '金额', en: 'amount' },
  amountFen: { 'zh-CN': '金额', en: 'amount' },
  amountInWords: { 'zh-CN': '大写金额', en: 'amount in words' },
  anchor: { 'zh-CN': '核对码', en: 'check code' },
  approval: { 'zh-CN': '主管审批', en: 'supervisor approval' },
  approvedBy: { 'zh-CN': '审批主管', en: 'approved by' },
  area: { 'zh-CN': '区域', en: 'area' },
  bank_card: { 'zh-CN': '银行卡', en: 'bank card' },
  base64: { 'zh-CN': '文件', en: 'file' },
  baudRate: { 'zh-CN': '波特率', en: 'baud rate' },
  beds: { 'zh-CN': '床位数', en: 'beds' },
  before: { 'zh-CN': '修改前', en: 'before' },
  beforeSeq: { 'zh-CN': '起始序号', en: 'starting number' },
  boxes: { 'zh-CN': '计量箱', en: 'boxes' },
  buildingId: { 'zh-CN': '楼栋', en: 'building' },
  campusId: { 'zh-CN': '校区', en: 'campus' },
  cardIssueFeeFen: { 'zh-CN': '开卡工本费', en: 'card fee for a new card' },
  cardNo: { 'zh-CN': '卡号', en: 'card number' },
  cardReissueFeeFen: { 'zh-CN': '补卡工本费', en: 'card fee for a reissue' },
  cash: { 'zh-CN': '现金', en: 'cash' },
  circuit: { 'zh-CN': '回路', en: 'circuit' },
  circuits: { 'zh-CN': '回路数', en: 'circuits' },
  command: { 'zh-CN': '命令', en: 'command' },
  confirmReplace: { 'zh-CN': '确认覆盖', en: 'confirmation to replace' },
  counted: { 'zh-CN': '清点金额', en: 'counted amount' },
  ctRatio: { 'zh-CN': '互感器倍率', en: 'CT ratio' },
  currentPassword: { 'zh-CN': '当前密码', en: 'current password' },
  customer: { 'zh-CN': '用户', en: 'customer' },
  customerId: { 'zh-CN': '用户', en: 'customer' },
  customerName: { 'zh-CN': '户名', en: 'customer name' },
  customerNo: { 'zh-CN': '户号', en: 'customer number' },
  definition: { 'zh-CN': '电价内容', en: 'tariff' },
  displayName: { 'zh-CN': '姓名', en: 'name' },
  dryRun: { 'zh-CN': '试运行', en: 'dry run' },
  effectiveFrom: { 'zh-CN': '生效时间', en: 'effective from' },
  energy: { 'zh-CN': '电量', en: 'energy' },
  expected: { 'zh-CN': '应收', en: 'expected' },
  fee: { 'zh-CN': '工本费', en: 'card fee' },
  feeFen: { 'zh-CN': '工本费', en: 'card fee' },
  feeReceiptNo: { 'zh-CN': '工本费票据号', en: 'card fee receipt' },
  fields: { 'zh-CN': '字段位置', en: 'field positions' },
  file: { 'zh-CN': '文件', en: 'file' },
  fileName: { 'zh-CN': '文件名', en: 'file name' },
  finalReading: { 'zh-CN': '旧表止码', en: 'final reading' },
  firstRoom: { 'zh-CN': '起始房号', en: 'first room' },
  flagged: { 'zh-CN': '已标记', en: 'flagged' },
  flat: { 'zh-CN': '平段单价', en: 'flat-rate price' },
  floor: { 'zh-CN': '楼层', en: 'floor' },
  floorFrom: { 'zh-CN': '起始楼层', en: 'first floor' },
  floorTo: { 'zh-CN': '结束楼层', en: 'last floor' },
  folder: { 'zh-CN': '文件夹', en: 'folder' },
  fontSizePt: { 'zh-CN': '字号', en: 'font size' },
  form: { 'zh-CN': '套打格式', en: 'form layout' },
  format: { 'zh-CN': '格式', en: 'format' },
  freeAllowance: { 'zh-CN': '免费电量', en: 'free allowance' },
  // A report's first day, or a time table's power-on time: "start" says both.
  from: { 'zh-CN': '开始', en: 'start' },
  generation: { 'zh-CN': '补卡代数', en: 'card generation' },
  granted: { 'zh-CN': '另行授予的权限', en: 'permissions granted' },
  roomsPerFloor: { 'zh-CN': '每层房间数', en: 'rooms a floor' },
  withheld: { 'zh-CN': '收回的权限', en: 'permissions withheld' },
  permissions: { 'zh-CN': '权限', en: 'permissions' },
  handoverToleranceFen: { 'zh-CN': '交班差额容差', en: 'hand-over tolerance' },
  hash: { 'zh-CN': '校验码', en: 'check code' },
  hoardingFen: { 'zh-CN': '囤积限额', en: 'hoarding limit' },
  hoardingLimitFen: { 'zh-CN': '囤积限额', en: 'hoarding limit' },
  billingOverdraftFen: { 'zh-CN': '主站计费透支额度', en: 'office billing overdraft' },
  billing: { 'zh-CN': '计费方式', en: 'billing' },
  host: { 'zh-CN': '网关地址', en: 'gateway address' },
  id: { 'zh-CN': '所选记录', en: 'the record chosen' },
  idleTimeoutMinutes: { 'zh-CN': '自动锁屏时间', en: 'idle timeout' },
  installReading: { 'zh-CN': '安装读数', en: 'reading at installation' },
  language: { 'zh-CN': '语言', en: 'language' },
  kind: { 'zh-CN': '类型', en: 'kind' },
  layout: { 'zh-CN': '票据格式', en: 'receipt layout' },
  limit: { 'zh-CN': '条数', en: 'number of rows' },
  limits: { 'zh-CN': '限值', en: 'limits' },
  controls: { 'zh-CN': '控制参数', en: 'controls' },
  forced: { 'zh-CN': '强制控制方式', en: 'forced control' },
  line: { 'zh-CN': '通信线路', en: 'meter line' },
  lowCreditFen: { 'zh-CN': '低余额报警金额', en: 'low-credit alarm' },
  mark: { 'zh-CN': '标记', en: 'mark' },
  maxSaleFen: { 'zh-CN': '单笔最高售电额', en: 'largest sale' },
  meterCleared: { 'zh-CN': '电表已清零', en: 'meter cleared' },
  meterId: { 'zh-CN': '电表', en: 'meter' },
  meterIds: { 'zh-CN': '电表', en: 'meters' },
  meterLoadedCount: { 'zh-CN': '电表已读入次数', en: 'purchases the meter loaded' },
  meterNo: { 'zh-CN': '表号', en: 'meter number' },
  meterReading: { 'zh-CN': '电表读数', en: 'meter reading' },
  meterRemainingFen: { 'zh-CN': '表内剩余金额', en: 'credit left on the meter' },
  minSaleFen: { 'zh-CN': '单笔最低售电额', en: 'smallest sale' },
  modbusUnit: { 'zh-CN': '站号', en: 'unit address' },
  model: { 'zh-CN': '型号', en: 'model' },
  name: { 'zh-CN': '名称', en: 'name' },
  newInstallReading: { 'zh-CN': '新表安装读数', en: 'new meter’s reading' },
  newMeterNo: { 'zh-CN': '新表号', en: 'new meter number' },
  newPassword: { 'zh-CN': '新密码', en: 'new password' },
  note: { 'zh-CN': '备注', en: 'note' },
  notes: { 'zh-CN': '备注', en: 'notes' },
  officeName: { 'zh-CN': '营业厅名称', en: 'office name' },
  offsetXMm: { 'zh-CN': '横向偏移', en: 'horizontal offset' },
  offsetYMm: { 'zh-CN': '纵向偏移', en: 'vertical offset' },
  oldFinalReading: { 'zh-CN': '旧表止码', en: 'old meter’s final reading' },
  open: { 'zh-CN': '开启', en: 'open' },
  operation: { 'zh-CN': '操作', en: 'operation' },
  operatorCode: { 'zh-CN': '操作员代码', en: 'operator code' },
  operatorId: { 'zh-CN': '操作员', en: 'operator' },
  operatorName: { 'zh-CN': '收费员', en: 'cashier' },
  overdraftFen: { 'zh-CN': '透支额度', en: 'overdraft' },
  pageHeightMm: { 'zh-CN': '纸张高度', en: 'page height' },
  pageWidthMm: { 'zh-CN': '纸张宽度', en: 'page width' },
  parity: { 'zh-CN': '校验位', en: 'parity' },
  passphrase: { 'zh-CN': '口令', en: 'passphrase' },
  password: { 'zh-CN': '密码', en: 'password' },
  path: { 'zh-CN': '文件位置', en: 'file location' },
  paymentMethod: { 'zh-CN': '付款方式', en: 'payment method' },
  peak: { 'zh-CN': '峰段单价', en: 'peak price' },
  phase: { 'zh-CN': '阶段', en: 'stage' },
  phone: { 'zh-CN': '电话', en: 'phone' },
  pollIntervalMinutes: { 'zh-CN': '抄表间隔', en: 'reading interval' },
  port: { 'zh-CN': '端口', en: 'port' },
  price: { 'zh-CN': '单价', en: 'price' },
  printer: { 'zh-CN': '打印机', en: 'printer' },
  protocol: { 'zh-CN': '通信协议', en: 'protocol' },
  purchaseCount: { 'zh-CN': '购电次数', en: 'purchase count' },
  query: { 'zh-CN': '查询内容', en: 'search' },
  rate: { 'zh-CN': '费率', en: 'rate' },
  rates: { 'zh-CN': '费率单价', en: 'rate prices' },
  reader: { 'zh-CN': '读卡器', en: 'card reader' },
  reason: { 'zh-CN': '原因', en: 'reason' },
  receiptHeader: { 'zh-CN': '票据抬头', en: 'receipt header' },
  receiptLayout: { 'zh-CN': '票据格式', en: 'receipt layout' },
  receiptNo: { 'zh-CN': '票据号', en: 'receipt number' },
  receiptPrinter: { 'zh-CN': '票据打印机', en: 'receipt printer' },
  refund: { 'zh-CN': '退费', en: 'refund' },
  refused: { 'zh-CN': '未通过', en: 'refused' },
  refusedCounts: { 'zh-CN': '重点次数', en: 'recounts' },
  reissue: { 'zh-CN': '补卡', en: 'reissue' },
  replacementId: { 'zh-CN': '换表记录', en: 'replacement' },
  replaces: { 'zh-CN': '原卡', en: 'replaced card' },
  reprint: { 'zh-CN': '补打次数', en: 'reprint' },
  reversalNeedsApproval: { 'zh-CN': '冲正需主管审批', en: 'supervisor approval for reversals' },
  role: { 'zh-CN': '角色', en: 'role' },
  saleId: { 'zh-CN': '售电记录', en: 'sale' },
  segments: { 'zh-CN': '时段', en: 'segments' },
  selection: { 'zh-CN': '所选内容', en: 'selection' },
  seq: { 'zh-CN': '序号', en: 'entry number' },
  settled: { 'zh-CN': '已核对', en: 'settled' },
  setTo: { 'zh-CN': '设定值', en: 'setting' },
  sharp: { 'zh-CN': '尖段单价', en: 'sharp-peak price' },
  shiftId: { 'zh-CN': '班次', en: 'shift' },
  shopUnit: { 'zh-CN': '铺位', en: 'shop unit' },
  show: { 'zh-CN': '显示', en: 'display' },
  soldAt: { 'zh-CN': '售电时间', en: 'time of sale' },
  start: { 'zh-CN': '开始时间', en: 'start time' },
  steps: { 'zh-CN': '阶梯', en: 'steps' },
  stopBits: { 'zh-CN': '停止位', en: 'stop bits' },
  tariffId: { 'zh-CN': '电价', en: 'tariff' },
  tenderedFen: { 'zh-CN': '实收', en: 'cash handed over' },
  thresholdFen: { 'zh-CN': '阈值', en: 'threshold' },
  to: { 'zh-CN': '结束', en: 'end' },
  toPrinter: { 'zh-CN': '打印机', en: 'printer' },
  upTo: { 'zh-CN': '档位上限', en: 'step bound' },
  username: { 'zh-CN': '登录名', en: 'login name' },
  valley: { 'zh-CN': '谷段单价', en: 'off-peak price' },
  viaAcrt: { 'zh-CN': '经 ACRT 终端', en: 'through the ACRT terminal' },
  wechat: { 'zh-CN': '微信', en: 'WeChat' },
  xMm: { 'zh-CN': '横向位置', en: 'horizontal position' },
  yMm: { 'zh-CN': '纵向位置', en: 'vertical position' },
};
