// Status query parsing.
import { parseQuery } from './query.parser';
import { isCheckin } from '../checkin/checkin.parser';

describe('parseQuery', () => {
  it.each([
    ['查询 BM-000123', 'BM-000123'],
    ['查询BM-123', 'BM-000123'],
    ['查一下 bm－45', 'BM-000045'],
    ['工单 BM-000001 怎么样了', 'BM-000001'],
    ['BM-7', 'BM-000007'],
  ])('%s → %s', (text, no) => expect(parseQuery(text)).toEqual({ kind: 'ticket', no }));
  it('我的工单 and friends list the sender’s tickets', () => {
    for (const t of ['我的工单', '查询我的报修', '我报的怎么样了', '查询工单']) expect(parseQuery(t)).toEqual({ kind: 'mine' });
  });
  it('other text is not a query', () => {
    for (const t of ['3号楼电梯又坏了', '查查天气', '']) expect(parseQuery(t)).toBeNull();
  });
});

describe('isCheckin', () => {
  it('平安 in its usual forms', () => {
    for (const t of ['平安', '平安！', '报平安', '我平安', '平安打卡', '打卡', ' 平安。']) expect(isCheckin(t)).toBe(true);
    for (const t of ['平安路的路灯坏了', '不平安', '打卡机坏了']) expect(isCheckin(t)).toBe(false);
  });
});
