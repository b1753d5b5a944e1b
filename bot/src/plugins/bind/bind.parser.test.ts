// 绑定 command parsing and name masking.
import { maskName, parseBind } from './bind.parser';

describe('parseBind', () => {
  it.each([
    ['绑定 123456', '123456'],
    ['绑定123456', '123456'],
    ['绑定：123 456', '123456'],
    ['绑定码 004321', '004321'],
    ['我要绑定 １２３４５６', '123456'],
    ['绑定 123-456。', '123456'],
  ])('%s → %s', (text, code) => expect(parseBind(text)).toEqual({ kind: 'code', code }));
  it('绑定 without six digits is malformed, so the sender learns the right form', () => {
    for (const t of ['绑定', '绑定 12345', '绑定 1234567', '绑定 abc123']) expect(parseBind(t)).toEqual({ kind: 'malformed' });
  });
  it('other text is not a bind command', () => {
    for (const t of ['123456', '怎么绑定微信', '已经绑定了吗', '3号楼电梯坏了', '']) expect(parseBind(t)).toBeNull();
  });
});

describe('maskName', () => {
  it('keeps the first and last character', () => {
    expect(maskName('王秀兰')).toBe('王*兰');
    expect(maskName('李华')).toBe('李*');
    expect(maskName('欧阳秀英')).toBe('欧**英');
    expect(maskName('王')).toBe('王');
  });
});
