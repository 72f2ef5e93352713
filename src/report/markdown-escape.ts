// Everything that comes from a migration (file names, SQL, messages quoting identifiers) is escaped
// before it goes into markdown, so nothing in a migration can inject markup, HTML, links or
// @-mentions into the PR comment.

// GitHub finds @-mentions in the rendered text, so an entity for `@` would still ping; a zero-width
// space after it breaks the mention and reads the same (the trick Renovate uses for release notes).
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '@': '@&#8203;' };

/** Text safe in a markdown paragraph or table cell. */
export function escapeMarkdown(text: string): string {
  // Punctuation first, entities after: an entity's own `#` must stay unescaped to be one.
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (char) => `\\${char}`)
    .replace(/[&<>"@]/g, (char) => ENTITIES[char]!)
    .replace(/\r?\n|\r/g, ' ');
}

/**
 * SQL inside a fenced block: fences cannot be escaped, so the fence is made longer than any run
 * of backticks in the text, and HTML is inert inside a fence.
 */
export function fencedCode(text: string, language = 'sql'): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}
