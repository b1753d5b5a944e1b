// The registry as an Excel workbook (GET /api/residents.xlsx): one row per resident as the caller's JSON shows them (phones masked unless their role sees them).
import { shanghaiDateTime, type ResidentDto } from '@linli/contracts';
import { tableWorkbook, type XlsxCell } from '../../core/xlsx';
import { RESIDENT_EXPORT_MAX } from './resident.service';

export const RESIDENT_HEADER = ['楼栋', '单元', '房号', '姓名', '电话', '出生年份', '标签', '微信'];

export function residentRow(r: ResidentDto): XlsxCell[] {
  return [r.building, r.unit, r.room, r.name, r.phone ?? '', r.birthYear, r.tags.join('、'), r.wechatBound ? '已绑定' : '未绑定'];
}

export function residentsWorkbook(items: ResidentDto[], truncated: boolean): Promise<Buffer> {
  const masked = items.some((r) => r.phoneMasked);
  const title = `居民名册（导出 ${shanghaiDateTime(new Date())}，共 ${items.length} 人${truncated ? `，仅前 ${RESIDENT_EXPORT_MAX} 人，请缩小筛选范围` : ''}${masked ? '，电话已隐藏' : ''}）`;
  return tableWorkbook('居民名册', title, RESIDENT_HEADER, items.map(residentRow));
}
