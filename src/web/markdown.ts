import MarkdownIt, { type RendererRule } from 'markdown-it';

/**
 * Markdown for evidence text, rendered with markdown-it (CommonMark, linear time): no raw HTML
 * (it is shown as text), no images (evidence must not pull remote content into the reviewer's
 * page), links only to http(s) addresses (anything else stays plain text) and marked
 * `rel="noopener noreferrer nofollow"`, no automatic linking of bare URLs. Headings are kept but
 * demoted three levels (`#` → h4): evidence sits under the page's own h3 "Part N".
 */
const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: true });
md.disable(['image']);
md.validateLink = (url: string) => /^https?:\/\/[^\s]/i.test(url);

const renderToken = md.renderer.renderToken.bind(md.renderer);
md.renderer.rules.link_open = (tokens, idx, options) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  return renderToken(tokens, idx, options);
};
const demote: RendererRule = (tokens, idx, options) => {
  const token = tokens[idx]!;
  token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 3)}`;
  return renderToken(tokens, idx, options);
};
md.renderer.rules.heading_open = demote;
md.renderer.rules.heading_close = demote;

export function renderMarkdown(source: string): string {
  return md.render(source);
}
