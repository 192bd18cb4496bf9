/** Report formats by their CLI name, each a pure function of the JSON report. */
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { Exploration } from './report.js';
import { renderText } from './text.js';

export const FORMATS = ['text', 'json', 'md', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Renders one report; text gets colours only when asked (on a terminal). */
export function render(r: Exploration, format: Format, options: { color?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return JSON.stringify(r);
    case 'md':
      return renderMarkdown(r);
    case 'html':
      return renderHtml(r);
    case 'text':
      return renderText(r, { color: options.color ?? false });
  }
}
