// What GitHub would render live in a piece of markdown: HTML tags, @-mentions, images and
// unbalanced <details>. We have no markdown renderer among the dependencies (and GitHub's own
// pipeline, sanitizer and mention filter are not available offline), so instead of rendering to HTML
// the tests read the markdown the way CommonMark does for the parts that matter here: fenced code
// blocks and code spans are inert and removed first; what remains is text in which a raw `<`, an
// unescaped `@name` or `![` is live. Our own markup (the tags below, the comment marker) is allowed.

const OWN_TAGS = new Set(['<br>', '<details>', '<details open>', '</details>', '<summary>', '</summary>', '<sub>', '</sub>']);
const OWN_MARKER = /^<!-- pg-migration-gate:dir=[^\s>]* -->/;

export interface LiveProblem {
  kind: 'tag' | 'mention' | 'image' | 'details';
  text: string;
}

export function liveMarkup(markdown: string): LiveProblem[] {
  const text = withoutCodeSpans(withoutFencedBlocks(markdown));
  const problems: LiveProblem[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') {
      i++; // an escaped character is literal
      continue;
    }
    if (char === '<') {
      const rest = text.slice(i);
      const marker = OWN_MARKER.exec(rest);
      if (marker) {
        i += marker[0].length - 1;
        continue;
      }
      const tag = /^<\/?[A-Za-z][^>]*>?|^<![^>]*>?|^<\?/.exec(rest);
      if (!tag) continue; // `<` before a space or a digit is text in CommonMark
      if (OWN_TAGS.has(tag[0])) {
        if (tag[0].startsWith('<details')) depth++;
        if (tag[0] === '</details>' && --depth < 0) problems.push({ kind: 'details', text: 'a </details> closes more than was opened' });
      } else problems.push({ kind: 'tag', text: tag[0] });
      continue;
    }
    if (char === '@' && /[A-Za-z0-9]/.test(text[i + 1] ?? '') && !/[A-Za-z0-9_`]/.test(text[i - 1] ?? '')) {
      problems.push({ kind: 'mention', text: /^@[\w-/]+/.exec(text.slice(i))![0] });
    }
    if (char === '!' && text[i + 1] === '[') problems.push({ kind: 'image', text: text.slice(i, i + 20) });
  }
  if (depth > 0) problems.push({ kind: 'details', text: `${depth} <details> left open` });
  return problems;
}

/** Fenced code blocks (``` or ~~~, at most 3 spaces of indentation beyond a list's) are inert. */
function withoutFencedBlocks(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === undefined) {
      if (opening) fence = opening[1];
      else out.push(line);
    } else if (opening && opening[1]![0] === fence[0] && opening[1]!.length >= fence.length && line.trim() === opening[1]) {
      fence = undefined;
    }
  }
  return out.join('\n');
}

/** A code span: a run of n backticks up to the next run of exactly n (CommonMark 6.1). */
function withoutCodeSpans(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (text[i] !== '`') {
      out += text[i++];
      continue;
    }
    const run = /^`+/.exec(text.slice(i))![0];
    const close = findRun(text, i + run.length, run.length);
    if (close < 0) {
      out += run;
      i += run.length;
    } else {
      out += '`code`';
      i = close + run.length;
    }
  }
  return out;
}

function findRun(text: string, from: number, length: number): number {
  const pattern = /`+/g;
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) if (match[0].length === length) return match.index;
  return -1;
}
