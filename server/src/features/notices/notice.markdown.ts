// Markdown → sanitized HTML for notice bodies: raw HTML is escaped, and only http(s)/mailto/tel links survive.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const SAFE_LINK = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;
// markdown-it already refuses javascript:/vbscript:/file:/data: URLs; this narrows links further to what a notice needs.
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  tokens[idx]!.attrSet('target', '_blank');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderNoticeMarkdown(body: string): string {
  return md.render(body);
}
