// A day's check-ins as an Excel workbook (GET /api/care/overview.xlsx): everyone in the care programme, checked in or not, from the same overview as the JSON.
import { CHECKIN_SOURCE_LABELS, shanghaiDateTime, type CareOverviewDto } from '@linli/contracts';
import { tableWorkbook, type XlsxCell } from '../../core/xlsx';

export const CHECKIN_HEADER = ['楼栋', '姓名', '状态', '打卡时间', '打卡方式', '截止时间', '外出/住院'];

/** 未打卡 first (what a worker calls about), then 已打卡; the same people as the JSON's `missing` and `checkedIn`. */
export function checkinRows(o: CareOverviewDto): XlsxCell[][] {
  const missing = o.missing.map((m): XlsxCell[] => [
    m.building ?? '',
    m.name,
    m.absence ? `${m.absence.reason}中` : m.overdue ? '超时未打卡' : '未打卡',
    '',
    '',
    shanghaiDateTime(m.deadline),
    m.absence ? `${m.absence.reason} ${m.absence.from} 至 ${m.absence.to}` : '',
  ]);
  const done = o.checkedIn.map((c): XlsxCell[] => [c.building ?? '', c.name, '已打卡', shanghaiDateTime(c.at), CHECKIN_SOURCE_LABELS[c.source], '', '']);
  return [...missing, ...done];
}

export function checkinWorkbook(o: CareOverviewDto, building?: string): Promise<Buffer> {
  const title = `平安打卡 ${o.day}${building ? ` ${building}` : ''}（共 ${o.total} 人，已打卡 ${o.checkedIn.length} 人，未打卡 ${o.missing.length} 人）`;
  return tableWorkbook(`平安打卡 ${o.day}`, title, CHECKIN_HEADER, checkinRows(o));
}
