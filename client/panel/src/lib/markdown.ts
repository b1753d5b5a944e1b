// Markdown preview with the same rules the server renders notices with (no raw HTML, safe links only).
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
const SAFE_LINK = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

export function renderMarkdown(src: string): string {
  return md.render(src);
}
