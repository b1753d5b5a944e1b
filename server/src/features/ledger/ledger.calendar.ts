// Statement months of the ledger on the Asia/Shanghai calendar (the day/month arithmetic itself lives in contracts/time).
import { addMonths, startOfShanghaiMonth } from '@linli/contracts';

/** When the statement of `month` is due: 00:00 Shanghai on the 1st of the following month. */
export function statementDueAt(month: string): Date {
  return startOfShanghaiMonth(addMonths(month, 1));
}

/** A month is closed (its statement may be generated) once its last day has ended in Shanghai. */
export function isMonthOver(month: string, now: Date = new Date()): boolean {
  return now.getTime() >= statementDueAt(month).getTime();
}
