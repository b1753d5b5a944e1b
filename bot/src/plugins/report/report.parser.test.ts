// Intake rules: addressing, prefixes, category guesses.
import { addressing, guessCategory, parsePlace, parsePlaceAnswer, parseYesNo } from './report.parser';

describe('addressing', () => {
  const bot = { botName: '社区小助手', isPrivate: false };
  it('an @mention addresses the bot and is removed from the body', () => {
    expect(addressing('@社区小助手 3号楼电梯又坏了', bot)).toEqual({ addressed: true, mentioned: true, explicitReport: false, body: '3号楼电梯又坏了' });
    expect(addressing('3号楼电梯又坏了 @社区小助手', bot).body).toBe('3号楼电梯又坏了');
    expect(addressing('@社区小助手\u2005路灯不亮', bot).body).toBe('路灯不亮');
  });
  it('a report prefix addresses the bot and is stripped', () => {
    expect(addressing('报修：5号楼楼道灯不亮', bot)).toMatchObject({ addressed: true, explicitReport: true, body: '5号楼楼道灯不亮' });
    expect(addressing('投诉 夜里广场舞太吵', bot)).toMatchObject({ addressed: true, explicitReport: true, body: '夜里广场舞太吵' });
  });
  it('the bot’s group nickname and the puppet’s mention list count as a mention', () => {
    expect(addressing('@小助手 路灯不亮', { botName: ['社区小助手', '小助手'], isPrivate: false })).toMatchObject({ mentioned: true, body: '路灯不亮' });
    expect(addressing('路灯不亮', { ...bot, mentionedById: true })).toMatchObject({ addressed: true, body: '路灯不亮' });
  });
  it('ordinary chatter is ignored; a private chat is always addressed', () => {
    expect(addressing('今天天气不错', bot).addressed).toBe(false);
    expect(addressing('@社区小助手的朋友 你好', bot).mentioned).toBe(false);
    expect(addressing('今天天气不错', { ...bot, isPrivate: true }).addressed).toBe(true);
  });
});

describe('guessCategory', () => {
  it.each([
    ['3号楼电梯又坏了', '电梯'],
    ['厨房水管漏水了', '水电'],
    ['楼里停电了', '水电'],
    ['闻到煤气味', '燃气'],
    ['垃圾没人清理，很臭', '环境卫生'],
    ['楼上装修声太吵', '噪音扰民'],
    ['小区路灯不亮', '路灯照明'],
    ['有人乱停车挡路', '停车'],
    ['消防通道被车堵了', '安全隐患'],
    ['和邻居有纠纷', '邻里纠纷'],
    ['单元门门禁坏了', '公共设施'],
    ['我想问问社区活动', '其他'],
  ])('%s → %s', (text, cat) => expect(guessCategory(text)).toBe(cat));
});

describe('parsePlace', () => {
  it.each([
    ['3号楼电梯又坏了', { building: '3号楼' }],
    ['三号楼二单元楼道灯不亮', { building: '3号楼', unit: '2单元' }],
    ['12栋门口井盖没了', { building: '12号楼' }],
    ['十一号楼停水了', { building: '11号楼' }],
    ['二十号楼 3单元 漏水', { building: '20号楼', unit: '3单元' }],
    ['3好楼电梯坏了', { building: '3号楼' }],
  ])('%s → %j', (text, place) => expect(parsePlace(text)).toEqual(place));
  it('no building, no place (her home stays the default)', () => {
    for (const t of ['电梯又坏了', '2单元电梯坏了', '楼下垃圾没人收', '']) expect(parsePlace(t)).toBeUndefined();
  });
});

describe('parsePlaceAnswer', () => {
  it('short answers naming a building', () => {
    expect(parsePlaceAnswer('3号楼2单元')).toEqual({ building: '3号楼', unit: '2单元' });
    expect(parsePlaceAnswer('在三号楼')).toEqual({ building: '3号楼' });
    expect(parsePlaceAnswer('5号楼1单元302')).toEqual({ building: '5号楼', unit: '1单元', room: '302' });
    expect(parsePlaceAnswer('6栋 401室')).toEqual({ building: '6号楼', room: '401' });
  });
  it('anything else is not an answer', () => {
    for (const t of ['平安', '我的工单', '2单元', '3号楼电梯坏了，能不能来修一下？', '我住在3号楼，就是那个电梯老坏的楼，你们快来看看吧', '']) expect(parsePlaceAnswer(t)).toBeUndefined();
  });
});

describe('parseYesNo', () => {
  it('short yes and no answers; anything else is neither', () => {
    for (const t of ['是', '是的！', '好的', '嗯', '要 ', '登记']) expect(parseYesNo(t)).toBe('yes');
    for (const t of ['不用', '不用了。', '算了', '不']) expect(parseYesNo(t)).toBe('no');
    for (const t of ['是不是坏了', '好的电梯坏了', '3号楼', '']) expect(parseYesNo(t)).toBeNull();
  });
});
