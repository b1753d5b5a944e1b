// Which problem-naming messages are questions for information (FAQ first) rather than reports.
import { looksLikeInfoQuestion } from './faq.parser';

it.each([
  ['电梯维修电话是多少', true],
  ['停水到几点？', true],
  ['停车费多少钱一个月', true],
  ['3号楼电梯又坏了', false],
  ['3号楼电梯坏了，能不能来修一下？', false],
  ['电梯坏了怎么办', false],
  ['楼道灯不亮，很黑', false],
])('%s → %s', (text, q) => expect(looksLikeInfoQuestion(text)).toBe(q));
