// Chinese default messages for every zod schema (a field's own message still wins): what residents and staff read.
import { z, ZodIssueCode, type ZodErrorMap } from 'zod';

export const zhErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      if (issue.received === 'undefined' || issue.received === 'null') return { message: '必填' };
      return { message: '格式不正确' };
    case ZodIssueCode.unrecognized_keys:
      return { message: `不支持的字段：${issue.keys.join('、')}` };
    case ZodIssueCode.invalid_enum_value:
      return { message: `只能是：${issue.options.join('、')}` };
    case ZodIssueCode.invalid_literal:
    case ZodIssueCode.invalid_union:
    case ZodIssueCode.invalid_union_discriminator:
      return { message: '取值不正确' };
    case ZodIssueCode.invalid_string:
      return { message: '格式不正确' };
    case ZodIssueCode.invalid_date:
      return { message: '日期不正确' };
    case ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: issue.minimum === 1 ? '不能为空' : `至少 ${issue.minimum} 个字` };
      if (issue.type === 'array') return { message: `至少选择 ${issue.minimum} 项` };
      return { message: `不能小于 ${issue.minimum}` };
    case ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `不能超过 ${issue.maximum} 个字` };
      if (issue.type === 'array') return { message: `最多 ${issue.maximum} 项` };
      return { message: `不能大于 ${issue.maximum}` };
    case ZodIssueCode.not_multiple_of:
      return { message: '数值不正确' };
    default:
      return { message: ctx.defaultError === 'Invalid input' ? '输入不正确' : ctx.defaultError };
  }
};

z.setErrorMap(zhErrorMap);
