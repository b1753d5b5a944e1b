// Markdown → sanitized HTML for notice bodies: raw HTML is escaped, only http(s)/mailto/tel links survive, and images only from our own uploads.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const SAFE_LINK = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;
// markdown-it already refuses javascript:/vbscript:/file:/data: URLs; this narrows links further to what a notice needs.
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

/** An image written as one of our uploads: `/api/uploads/<id>`, with or without a (possibly stale) signature. */
const OWN_UPLOAD = /^\/api\/uploads\/([0-9a-f]{24})(?:\?[^#]*)?$/i;

/** Gives the URL to show for an uploaded image (a fresh signed one), or null when the notice may not show it. */
export type NoticeImageUrl = (uploadId: string) => string | null;
interface RenderEnv {
  imageUrl?: NoticeImageUrl;
}

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  tokens[idx]!.attrSet('target', '_blank');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const defaultImage = md.renderer.rules.image!;
// An external image would tell its host who read the notice and when (a tracking pixel): only our own uploads render,
// re-signed at every render because signed URLs are short-lived; anything else shows its alt text only.
md.renderer.rules.image = (tokens, idx, options, env: RenderEnv, self) => {
  const token = tokens[idx]!;
  const id = OWN_UPLOAD.exec((token.attrGet('src') ?? '').trim())?.[1]?.toLowerCase();
  const url = id && env?.imageUrl ? env.imageUrl(id) : null;
  if (!url) return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
  token.attrSet('src', url);
  token.attrSet('referrerpolicy', 'no-referrer');
  return defaultImage(tokens, idx, options, env, self);
};

/** Renders a notice body; `imageUrl` decides which uploaded images it may show (none without it). */
export function renderNoticeMarkdown(body: string, imageUrl?: NoticeImageUrl): string {
  const env: RenderEnv = { imageUrl };
  return md.render(body, env);
}
