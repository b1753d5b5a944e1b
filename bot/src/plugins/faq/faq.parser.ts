// Pure rule: does a message that names a problem ask for information (then an FAQ answer is tried before filing a ticket)?
// "电梯维修电话是多少" wants a number; "3号楼电梯坏了，能不能来修一下？" wants someone to come — that stays a report.

const INFO = /电话|号码|联系方式|几点|什么时候|多长时间|时间|在哪|哪里|哪儿|多少钱|收费|费用|流程|手续|怎么交|怎么办理|如何办理|需要带/;
const QUESTION = /[?？]|怎么|怎样|如何|哪|什么|几|多少|是否|吗|呢|请问/;

export function looksLikeInfoQuestion(text: string): boolean {
  const t = text.trim();
  return QUESTION.test(t) && INFO.test(t);
}
