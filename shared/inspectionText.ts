// What an inspection finding means, in the office's words: the inspection page and the printed
// 用电检查报告 both say it this way, in either language.
import type { Language } from './errors';
import { formatEnergy, formatYuan } from './units';

type Details = Record<string, number | string>;

interface RuleText {
  title: string;
  detail: (d: Details) => string;
  /** What the supervisor should do about it. */
  advice: string;
}

const num = (d: Details, key: string) => Number(d[key] ?? 0);
const yuan = (d: Details, key: string) => formatYuan(num(d, key));
const kwh = (d: Details, key: string) => formatEnergy(num(d, key));
const watts = (d: Details) => num(d, 'powerW').toLocaleString('en-US');
const ordinal = (n: number) => {
  const tail = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${tail}`;
};

const TAMPER_ZH: Record<string, string> = {
  'cover-opened': '开盖',
  'magnetic-field': '强磁干扰',
  'reverse-current': '电流反向',
};
const TAMPER_EN: Record<string, string> = {
  'cover-opened': 'cover opened',
  'magnetic-field': 'strong magnetic field',
  'reverse-current': 'reverse current',
};
const flags = (d: Details, names: Record<string, string>, sep: string) =>
  String(d.flags ?? '')
    .split(',')
    .filter(Boolean)
    .map((f) => names[f] ?? f)
    .join(sep);

const ZH: Record<string, RuleText> = {
  tamper: {
    title: '窃电嫌疑：电表报告异常事件',
    detail: (d) => `电表记录了：${flags(d, TAMPER_ZH, '、')}`,
    advice: '到现场检查表封、接线和表箱，拍照留存后再确认。',
  },
  'illegal-inserts': {
    title: '非法插卡',
    detail: (d) => `非法插卡次数由 ${num(d, 'before')} 增至 ${num(d, 'after')}`,
    advice: '询问商户是否插过别家的卡或来历不明的卡；多次出现应现场检查。',
  },
  'count-ahead': {
    title: '购电次数超前：电表装入的次数多于售出的次数',
    detail: (d) => `电表第 ${num(d, 'meterCount')} 次，账上只售出 ${num(d, 'soldCount')} 次`,
    advice: '有人用伪造或复制的卡充值。停止售电，现场检查并更换电表。',
  },
  'credit-not-sold': {
    title: '剩余金额多于售出金额',
    detail: (d) => `电表剩余 ${yuan(d, 'remainingFen')} 元，账上共售出 ${yuan(d, 'givenFen')} 元`,
    advice: '电表里有未经本系统售出的电费。核对售电记录，现场检查电表。',
  },
  'credit-jump': {
    title: '剩余金额无故增加',
    detail: (d) =>
      `购电次数未变，剩余金额由 ${yuan(d, 'beforeFen')} 元增至 ${yuan(d, 'afterFen')} 元`,
    advice: '电表内的金额被改动过。现场检查并考虑更换电表。',
  },
  'energy-went-back': {
    title: '累计电量倒退',
    detail: (d) => `累计电量由 ${kwh(d, 'before')} kWh 变为 ${kwh(d, 'after')} kWh`,
    advice: '电表被清零或更换过而账上没有记录。核对换表记录，现场检查。',
  },
  'consumption-low': {
    title: '用电量骤降',
    detail: (d) => `近期日均 ${kwh(d, 'dailyE2')} kWh，以往日均 ${kwh(d, 'usualDailyE2')} kWh`,
    advice: '商户仍在营业而用电骤降，常见于绕表用电。现场检查接线。',
  },
  'consumption-high': {
    title: '用电量骤增',
    detail: (d) => `近期日均 ${kwh(d, 'dailyE2')} kWh，以往日均 ${kwh(d, 'usualDailyE2')} kWh`,
    advice: '可能新增了大功率设备或线路漏电。提醒商户，必要时检查线路。',
  },
  'malignant-load': {
    title: '恶性负载：电表箱检测到违规电器并断电',
    detail: (d) => `${String(d.at ?? '')} 功率 ${watts(d)} W，30 天内第 ${num(d, 'repeats')} 次`,
    advice: '电热类违规电器（电炉、热得快等）有火灾危险。到宿舍收缴并登记；多次违规应通报处理。',
  },
  'over-power': {
    title: '超功率断电',
    detail: (d) =>
      `${String(d.at ?? '')} 功率 ${watts(d)} W 超过限额，30 天内第 ${num(d, 'repeats')} 次`,
    advice: '提醒宿舍减少同时使用的大功率电器；多次超限应现场检查。',
  },
  'forced-control': {
    title: '强制控制',
    detail: (d) => `${String(d.at ?? '')} ${d.kind === 'forcedOn' ? '强制通电' : '强制断电'}`,
    advice: '营业厅下发的强制控制，留作记录；确认无误即可。',
  },
};

const EN: Record<string, RuleText> = {
  tamper: {
    title: 'Suspected theft: the meter reports tampering',
    detail: (d) => `The meter recorded: ${flags(d, TAMPER_EN, ', ')}`,
    advice:
      'Inspect the seals, the wiring and the meter box on site; photograph before acknowledging.',
  },
  'illegal-inserts': {
    title: 'Illegal card inserts',
    detail: (d) => `Illegal inserts rose from ${num(d, 'before')} to ${num(d, 'after')}`,
    advice:
      'Ask the tenant whether a foreign card was tried; repeated rises call for a site visit.',
  },
  'count-ahead': {
    title: 'Purchase count ahead: the meter loaded more purchases than were sold',
    detail: (d) => `Meter at purchase ${num(d, 'meterCount')}, books sold ${num(d, 'soldCount')}`,
    advice: 'A forged or copied card was used. Stop sales, inspect and replace the meter.',
  },
  'credit-not-sold': {
    title: 'More credit in the meter than was sold',
    detail: (d) =>
      `Meter holds ${yuan(d, 'remainingFen')} yuan, the books sold ${yuan(d, 'givenFen')} yuan in all`,
    advice: 'The meter holds credit PowerTill never sold. Check the sales and inspect the meter.',
  },
  'credit-jump': {
    title: 'Credit rose without a purchase',
    detail: (d) =>
      `Same purchase count, credit rose from ${yuan(d, 'beforeFen')} to ${yuan(d, 'afterFen')} yuan`,
    advice: "The meter's credit was altered. Inspect it on site and consider replacing it.",
  },
  'energy-went-back': {
    title: 'Cumulative energy went back',
    detail: (d) => `Cumulative energy went from ${kwh(d, 'before')} to ${kwh(d, 'after')} kWh`,
    advice: 'The meter was reset or swapped without a record. Check replacements, inspect on site.',
  },
  'consumption-low': {
    title: 'Consumption dropped sharply',
    detail: (d) =>
      `Lately ${kwh(d, 'dailyE2')} kWh a day, usually ${kwh(d, 'usualDailyE2')} kWh a day`,
    advice: 'A shop still trading while its use collapses is the classic bypass. Check the wiring.',
  },
  'consumption-high': {
    title: 'Consumption rose sharply',
    detail: (d) =>
      `Lately ${kwh(d, 'dailyE2')} kWh a day, usually ${kwh(d, 'usualDailyE2')} kWh a day`,
    advice: 'A new heavy load or a leaking circuit. Tell the tenant; check the circuit if needed.',
  },
  'malignant-load': {
    title: 'Forbidden load: the dorm box found a heater and cut the power',
    detail: (d) =>
      `${String(d.at ?? '')}, ${watts(d)} W, the ${ordinal(num(d, 'repeats'))} in 30 days`,
    advice:
      'Heating appliances (hot plates, immersion heaters) are a fire risk. Visit the room, take it away and record it; repeated cases go to the dorm office.',
  },
  'over-power': {
    title: 'Over the power limit',
    detail: (d) =>
      `${String(d.at ?? '')}, ${watts(d)} W above the limit, the ${ordinal(num(d, 'repeats'))} in 30 days`,
    advice: 'Ask the room to run fewer heavy appliances at once; check on site if it repeats.',
  },
  'forced-control': {
    title: 'Forced control',
    detail: (d) => `${String(d.at ?? '')}: ${d.kind === 'forcedOn' ? 'forced on' : 'forced off'}`,
    advice: 'The office forced this circuit; kept for the record. Acknowledge when it is right.',
  },
};

export interface FindingText {
  title: string;
  detail: string;
  advice: string;
}

export function describeFinding(
  rule: string,
  details: Details,
  language: Language = 'zh-CN',
): FindingText {
  const text = (language === 'en' ? EN : ZH)[rule];
  if (!text) return { title: rule, detail: JSON.stringify(details), advice: '' };
  return { title: text.title, detail: text.detail(details), advice: text.advice };
}

export const SEVERITY_NAMES: Record<Language, Record<string, string>> = {
  'zh-CN': { critical: '严重', warning: '警告', notice: '提示' },
  en: { critical: 'Critical', warning: 'Warning', notice: 'Notice' },
};
