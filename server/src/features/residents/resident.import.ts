// Spreadsheet import of the residents registry (CSV or XLSX): every row checked first, then all or nothing.
import ExcelJS from 'exceljs';
import { ResidentCreate, RESIDENT_TAGS } from '@linli/contracts';
import { AppError } from '../../core/errors';

/** Column headers as community workers write them; English keys are accepted too. */
const HEADERS: Record<string, keyof ResidentCreate> = {
  姓名: 'name',
  name: 'name',
  手机: 'phone',
  手机号: 'phone',
  电话: 'phone',
  phone: 'phone',
  出生年份: 'birthYear',
  birthyear: 'birthYear',
  楼栋: 'building',
  楼号: 'building',
  building: 'building',
  单元: 'unit',
  unit: 'unit',
  房号: 'room',
  门牌号: 'room',
  room: 'room',
  标签: 'tags',
  tags: 'tags',
  微信昵称: 'wechatName',
  wechatname: 'wechatName',
};

const LABELS: Record<string, string> = {
  name: '姓名',
  phone: '手机',
  birthYear: '出生年份',
  building: '楼栋',
  unit: '单元',
  room: '房号',
  tags: '标签',
  wechatName: '微信昵称',
};

export const MAX_IMPORT_ROWS = 5000;

export interface ImportRowError {
  row: number;
  field?: string;
  message: string;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The text of an uploaded CSV in whichever encoding it was saved: UTF-8 (with or without a BOM), or — what Excel and WPS
 * save as "CSV" on a Chinese Windows — GBK/GB18030. Bytes that are valid UTF-8 are read as UTF-8 (GBK text of any length
 * is almost never valid UTF-8); anything else is decoded as GB18030, the superset of GB2312 and GBK. Node's built-in
 * ICU decoders do both, so no extra library is needed.
 */
export function decodeCsv(data: Buffer): string {
  if (data.subarray(0, 3).equals(UTF8_BOM)) return new TextDecoder('utf-8').decode(data.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

/** Minimal RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 BOM. Linear in the input. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export async function parseXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION', '无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (r) => {
    const cells: string[] = [];
    for (let c = 1; c <= r.cellCount; c++) cells.push(r.getCell(c).text ?? '');
    rows.push(cells);
  });
  return rows;
}

/** Turns sheet rows (first row = headers) into validated residents, or the list of what is wrong, row by row. */
export function validateRows(rows: string[][]): { residents: ResidentCreate[]; errors: ImportRowError[] } {
  if (rows.length < 2) throw new AppError('VALIDATION', '表格是空的：第一行应为表头（姓名、手机、出生年份、楼栋、单元、房号、标签）');
  if (rows.length - 1 > MAX_IMPORT_ROWS) throw new AppError('TOO_LARGE', `一次最多导入 ${MAX_IMPORT_ROWS} 行`);
  const header = rows[0]!.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()]);
  const missing = (['name', 'birthYear', 'building', 'unit', 'room'] as const).filter((k) => !header.includes(k));
  if (missing.length) {
    const zh: Record<string, string> = { name: '姓名', birthYear: '出生年份', building: '楼栋', unit: '单元', room: '房号' };
    throw new AppError('VALIDATION', `表头缺少：${missing.map((m) => zh[m]).join('、')}`);
  }
  const residents: ResidentCreate[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const rowNo = i + 2; // as the spreadsheet numbers it, header is row 1
    const raw: Record<string, unknown> = {};
    header.forEach((key, col) => {
      const v = (cells[col] ?? '').trim();
      if (!key || v === '') return;
      if (key === 'birthYear') raw.birthYear = /^\d{4}$/.test(v) ? Number(v) : v;
      else if (key === 'tags') raw.tags = v.split(/[、,，;；\s]+/).filter(Boolean);
      else raw[key] = v;
    });
    const unknownTags = ((raw.tags as string[] | undefined) ?? []).filter((t) => !(RESIDENT_TAGS as readonly string[]).includes(t));
    if (unknownTags.length) {
      errors.push({ row: rowNo, field: '标签', message: `未知标签：${unknownTags.join('、')}（可用：${RESIDENT_TAGS.join('、')}）` });
      return;
    }
    const parsed = ResidentCreate.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        errors.push({ row: rowNo, field: LABELS[key] ?? key, message: issue.message });
      }
      return;
    }
    const key = `${parsed.data.name}|${parsed.data.building}|${parsed.data.unit}|${parsed.data.room}`;
    if (seen.has(key)) {
      errors.push({ row: rowNo, message: `与第 ${seen.get(key)} 行重复（同一户同名）` });
      return;
    }
    seen.set(key, rowNo);
    residents.push(parsed.data);
  });
  return { residents, errors };
}
