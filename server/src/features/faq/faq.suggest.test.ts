// 您是不是想问…: Chinese bigram search over the rules' topics, keywords, pattern words and answers.
import { bigramTokens, FaqSuggester, MAX_SUGGESTIONS } from './faq.suggest';

const rules = [
  { id: 'fee', title: '物业费', keywords: ['物业费', '交物业'], answer: '物业费标准为每月每平方米 0.5 元，收支在「物业账本」公开。' },
  { id: 'ev', title: '电动车充电', keywords: ['充电桩', '充电车棚'], answer: '2 号楼旁有充电车棚。请勿把电瓶带回家充电。' },
  { id: 'park', title: '停车', keywords: ['停车位'], pattern: '停车 -(罚款|贴条)', answer: '业主凭行驶证到物业办理停车登记。' },
  { id: 'hours', keywords: ['办事时间', '上班时间'], answer: '周一至周五 8:30-17:30。' },
];

test('Han runs become overlapping bigrams, letters and digits stay words, filler is dropped', () => {
  expect(bigramTokens('物业费')).toEqual(['物业', '业费']);
  expect(bigramTokens('请问ＷｉＦｉ密码 5G')).toEqual(['wifi', '密码', '5g']);
  expect(bigramTokens('水')).toEqual(['水']);
});

test('a question no rule matched gets the nearest topics, best first', () => {
  const s = new FaqSuggester(rules);
  expect(s.suggest('物业的钱都花到哪儿了')[0]).toEqual({ ruleId: 'fee', question: '物业费', answer: rules[0]!.answer });
  // Only the answer mentions 电瓶: still found, through the answer.
  expect(s.suggest('电瓶车去哪儿充')[0]?.question).toBe('电动车充电');
  // A rule without a title is named by its keywords.
  expect(s.suggest('你们什么时间上班')[0]?.question).toBe('办事时间、上班时间');
  expect(s.suggest('物业 停车 充电 时间').length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
});

test('nothing near means no suggestion', () => {
  expect(new FaqSuggester(rules).suggest('今天天气怎么样')).toEqual([]);
  expect(new FaqSuggester([]).suggest('物业费')).toEqual([]);
});

test('a topic sent back as it was shown picks that rule (width and trailing ？ ignored)', () => {
  const s = new FaqSuggester(rules);
  expect(s.byQuestion('电动车充电？')?.ruleId).toBe('ev');
  expect(s.byQuestion('办事时间、上班时间')?.ruleId).toBe('hours');
  expect(s.byQuestion('电动车')).toBeNull();
});
