// The one-tap page behind the link in an alert SMS: what happened and a big 我来处理 button; no script, readable on any phone.

export interface AckLinkView {
  /** open: nobody has taken it yet; taken: someone acknowledged it; invalid: unknown or expired code. */
  state: 'open' | 'taken' | 'invalid';
  who?: string;
  what?: string;
  where?: string;
  /** When the alert was raised, Shanghai time (MM-DD HH:mm). */
  at?: string;
  recipient?: { kind: 'staff' | 'contact' | 'resident'; name: string };
  takenBy?: string;
  /** This request is the one that took it. */
  justTaken?: boolean;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// 20 px body text, a 64 px-high button, contrast well above 4.5:1: the MIIT elder-friendly numbers, since family members use it too.
const STYLE = `body{font:20px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:24px;color:#1f1f1f;background:#fff}
h1{font-size:26px;margin:0 0 16px}.facts{font-size:22px;margin:0 0 24px}.facts b{color:#a8071a}
button{width:100%;min-height:64px;font-size:24px;border:0;border-radius:12px;background:#a8071a;color:#fff}
.ok{color:#135200;font-size:22px}.muted{color:#595959;font-size:18px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function renderAckPage(v: AckLinkView, action: string): string {
  if (v.state === 'invalid') {
    return page('链接已失效', '<h1>链接已失效</h1><p>这个链接不存在或已过期（短信链接 24 小时内有效）。如需处理预警，请打开社区工作台或联系社区值班电话。</p>');
  }
  const facts = `<p class="facts"><b>${esc(v.who ?? '')}</b> ${esc(v.what ?? '')}<br>位置：${esc(v.where ?? '')}<br><span class="muted">发生时间：${esc(v.at ?? '')}</span></p>`;
  if (v.state === 'taken') {
    const head = v.justTaken ? '已确认，谢谢您' : '已有人接手';
    const who = v.justTaken ? '其他接到通知的人会收到「您已接手」的短信。请尽快赶到现场或联系老人。' : `${esc(v.takenBy ?? '社区')}已确认，正在处理，无需重复操作。`;
    return page(head, `<h1>${head}</h1>${facts}<p class="ok">${who}</p>`);
  }
  const label = v.recipient?.kind === 'contact' ? '我知道了，我去看看' : '我来处理';
  return page(
    '紧急预警',
    `<h1>紧急预警，请尽快处理</h1>${facts}<form method="post" action="${esc(action)}"><button type="submit">${label}</button></form>` +
      `<p class="muted">点击后，其他接到通知的人会知道由您接手，系统停止继续呼叫。</p>`,
  );
}
