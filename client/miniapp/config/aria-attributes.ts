// Taro plugin: WeChat's screen reader reads aria-role/aria-label, but Taro's weapp templates do not pass them; add them to the tags we use.
import type { IPluginContext } from '@tarojs/service';

export default (ctx: IPluginContext) => {
  ctx.modifyComponentConfig(({ config }: { config: unknown }) => {
    // Only mini-program builds render through templates (H5 passes role/aria-label to the DOM itself).
    const template = (config as { template?: { mergeComponents?: (c: IPluginContext, patch: object) => void } }).template;
    if (typeof template?.mergeComponents !== 'function') return;
    const aria = { 'aria-role': "''", 'aria-label': "''" };
    template.mergeComponents(ctx, { View: aria, Text: aria, Image: aria, Input: { 'aria-label': "''" }, Textarea: { 'aria-label': "''" } });
  });
};
