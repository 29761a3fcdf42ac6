// 用电检查报告: the findings a supervisor takes on a site visit, most serious first, each with what
// the meter reported, what it likely means and a line to sign off.
import type { FindingView } from '../../shared/api/inspection';
import { describeFinding, SEVERITY_NAMES } from '../../shared/inspectionText';
import { renderPdf, time } from '../receipts/pdf';
import { tableReport } from './reportPage';

const HEADERS = ['级别', '发现时间', '电表 / 账户 / 商户', '情况', '处理建议', '处理记录'];

const SEVERITY_COLORS: Record<string, string> = { critical: '#b42318', warning: '#b54708' };

function cells(f: FindingView) {
  const text = describeFinding(f.rule, f.details);
  const where = [
    `电表 ${f.meterNo}`,
    f.accountNo ? `账户 ${f.accountNo}` : '无账户',
    [f.customerName, f.shopUnit].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join('\n');
  const source = {
    'check-card': '检查卡',
    'write-back': '用户卡回写',
    'bus-reading': 'RS485 抄表',
  }[f.source];
  const handled = f.acknowledgedAt
    ? `${f.acknowledgedBy ?? ''} ${time(f.acknowledgedAt)}\n${f.note ?? ''}`
    : '';
  return [
    {
      text: SEVERITY_NAMES['zh-CN'][f.severity] ?? f.severity,
      bold: f.severity === 'critical',
      color: SEVERITY_COLORS[f.severity] ?? '#000000',
    },
    `${time(f.foundAt)}\n${source} ${f.cardNo}`,
    where,
    `${text.title}\n${text.detail}`,
    text.advice,
    handled,
  ];
}

export interface InspectionReportHeading {
  officeName: string;
  printedAt: string;
  /** "未处理" or "全部", and the range, as the supervisor chose. */
  scope: string;
}

export function inspectionReportPdf(
  findings: FindingView[],
  heading: InspectionReportHeading,
): Promise<Buffer> {
  return renderPdf(
    tableReport({
      ...heading,
      title: '用电检查报告',
      headers: HEADERS,
      widths: [28, 92, 110, '*', 150, 90],
      rows: findings.map(cells),
      none: '没有需要检查的情况。',
      after: [
        {
          text: '检查人：＿＿＿＿＿＿    日期：＿＿＿＿＿＿    主管签字：＿＿＿＿＿＿',
          margin: [0, 18, 0, 0],
        },
      ],
    }),
    '用电检查报告',
  );
}
