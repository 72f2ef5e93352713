// The PR comment as a phone shows it: the markdown rendered to HTML as GitHub renders it (GFM,
// with `marked`), then held to a layout rule for a 400 px wide screen. At 400 px GitHub's comment
// column is about 360 px: some 44 characters of monospace text at 13.6 px (8.2 px a character),
// and a line of 16 px body text holds some 45 characters. The rule:
// - no table wider than two columns, anywhere (a third column is cut off at 400 px);
// - code wider than 44 characters only in a <pre> block, which scrolls on its own; an inline
//   <code> span in running text holds no run of more than 44 characters without a space;
// - the verdict is the first thing, a heading of at most 72 characters (two lines);
// - the visible part (outside closed <details>) is estimated in lines of 45 characters, so a
//   test can bound how far a reviewer scrolls before the folds.

import { marked } from 'marked';

export const PHONE_COLUMNS = 44;
const TEXT_COLUMNS = 45;
const VERDICT_MAX = 72;

export interface PhoneLayout {
  html: string;
  /** Rule violations, each saying what and where. */
  problems: string[];
  /** The visible part's estimated height in lines of text at 400 px. */
  visibleLines: number;
}

export function renderForPhone(markdown: string): PhoneLayout {
  const html = marked.parse(markdown, { gfm: true, async: false });
  const problems: string[] = [];

  for (const table of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
    const firstRow = /<tr>([\s\S]*?)<\/tr>/.exec(table)?.[1] ?? '';
    const columns = (firstRow.match(/<t[hd][\s>]/g) ?? []).length;
    if (columns > 2) problems.push(`a table of ${columns} columns: ${text(firstRow).trim().split(/\s+/).join(' ')}`);
  }

  const outsidePre = html.replace(/<pre>[\s\S]*?<\/pre>/g, '');
  for (const code of outsidePre.match(/<code>[\s\S]*?<\/code>/g) ?? []) {
    const longest = Math.max(...text(code).split(/\s+/).map((word) => [...word].length));
    if (longest > PHONE_COLUMNS) problems.push(`inline code with ${longest} characters that cannot wrap: ${text(code)}`);
  }

  const visible = visiblePart(html);
  const first = /<(h[1-6]|p|ul|ol|pre|table|details)\b[^>]*>([\s\S]*?)<\/\1>/.exec(visible);
  if (!first || !/^h[1-6]$/.test(first[1]!)) problems.push(`the first thing is not a verdict heading: ${first ? text(first[0]).slice(0, 80) : '(nothing)'}`);
  else if ([...text(first[2]!)].length > VERDICT_MAX) problems.push(`the verdict is longer than ${VERDICT_MAX} characters: ${text(first[2]!)}`);

  return { html, problems, visibleLines: estimateLines(visible) };
}

/** The HTML without the contents of closed <details> (their <summary> stays: it is shown). */
function visiblePart(html: string): string {
  const tags = /<(\/?)(details|summary)\b([^>]*)>/g;
  const folds: boolean[] = [];
  let result = '';
  let cursor = 0;
  let inSummary = false;
  const closedFolds = () => folds.filter((closed) => closed).length;
  // Text is shown outside closed folds, and in the summary of the outermost closed one.
  const shown = () => closedFolds() === 0 || (inSummary && closedFolds() === 1 && folds.at(-1) === true);
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    const [tag, closing, name, attributes] = match;
    if (shown()) result += html.slice(cursor, match.index);
    cursor = match.index + tag.length;
    if (name === 'details') {
      if (closing) folds.pop();
      else folds.push(!/\bopen\b/.test(attributes ?? ''));
    } else if (!closing) {
      inSummary = true;
      if (shown()) result += '<p>';
    } else {
      if (shown()) result += '</p>';
      inSummary = false;
    }
  }
  if (shown()) result += html.slice(cursor);
  return result;
}

/** Lines at 400 px: each paragraph, item and heading wraps at 45 characters; a <pre> line is one line. */
function estimateLines(html: string): number {
  let lines = 0;
  const pres = html.match(/<pre>[\s\S]*?<\/pre>/g) ?? [];
  for (const pre of pres) lines += text(pre).trimEnd().split('\n').length + 1;
  const rest = html.replace(/<pre>[\s\S]*?<\/pre>/g, '');
  for (const block of rest.split(/<\/?(?:p|li|h[1-6]|ul|ol|br|tr)\b[^>]*>/)) {
    const length = [...text(block).trim()].length;
    if (length > 0) lines += Math.ceil(length / TEXT_COLUMNS);
  }
  return lines;
}

/** The text a reader sees: tags dropped, the few entities the renderer writes decoded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#8203;/g, '')
    .replace(/&amp;/g, '&');
}
