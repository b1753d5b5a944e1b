// A table as an .xlsx workbook (exceljs) for staff exports: a title line, a bold header, one row per record, columns sized to their text.
import ExcelJS from 'exceljs';

export type XlsxCell = string | number | null;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Cells are written as values, never formulas: a resident's name like "=HYPERLINK(…)" stays text. */
export async function tableWorkbook(sheet: string, title: string, header: string[], rows: XlsxCell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet(sheet.slice(0, 31)); // Excel's limit on sheet names
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => v ?? ''));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  header.forEach((h, i) => {
    const widest = Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length));
    // CJK characters are about two columns wide.
    ws.getColumn(i + 1).width = Math.min(40, Math.max(8, widest * 2 + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
