// The KPI report as an .xlsx workbook (exceljs): one sheet, a row per group and the total, rates as percentages.
import ExcelJS from 'exceljs';
import { SERVICE_STATS_GROUP_LABELS, type ServiceCounts, type ServiceStatsDto } from '@linli/contracts';

const COLUMNS: Array<{ header: string; value: (c: ServiceCounts) => number | null; percent?: boolean }> = [
  { header: '报事总数', value: (c) => c.total },
  { header: '重复报修', value: (c) => c.duplicates },
  { header: '计入考核', value: (c) => c.counted },
  { header: '按时签收', value: (c) => c.signedOnTime },
  { header: '按时办结', value: (c) => c.finishedOnTime },
  { header: '已评价', value: (c) => c.rated },
  { header: '满意', value: (c) => c.satisfied },
  { header: '响应率', value: (c) => c.rates.signedOnTime, percent: true },
  { header: '办结率', value: (c) => c.rates.finishedOnTime, percent: true },
  { header: '满意率', value: (c) => c.rates.satisfied, percent: true },
  { header: '重复报修率', value: (c) => c.rates.duplicates, percent: true },
];

export async function statsWorkbook(s: ServiceStatsDto, communityName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet('接诉即办');
  ws.addRow([`${communityName} 接诉即办统计 ${s.from} 至 ${s.to}${s.groupBy ? `（${SERVICE_STATS_GROUP_LABELS[s.groupBy]}）` : ''}`]);
  ws.addRow(['分组', ...COLUMNS.map((c) => c.header)]).font = { bold: true };
  const line = (label: string, c: ServiceCounts) => ws.addRow([label, ...COLUMNS.map((col) => col.value(c))]);
  for (const g of s.groups ?? []) line(g.label, g);
  line('合计', s.overall).font = { bold: true };
  COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 2);
    col.width = 12;
    if (c.percent) col.numFmt = '0.00%';
  });
  ws.getColumn(1).width = 16;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
