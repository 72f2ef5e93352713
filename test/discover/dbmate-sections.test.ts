import { describe, expect, it } from 'vitest';
import { maskOutside, parseDbmateSections } from '../../src/discover/dbmate-sections.js';

const parse = (text: string) => parseDbmateSections(Buffer.from(text, 'utf8'));
const sliceOf = (text: string, range: { start: number; end: number }) =>
  Buffer.from(text, 'utf8').subarray(range.start, range.end).toString('utf8');

describe('parseDbmateSections', () => {
  const file = [
    '-- Add the users table',
    '-- migrate:up',
    'CREATE TABLE users (id bigint PRIMARY KEY);',
    'CREATE INDEX users_id ON users (id);',
    '',
    '-- migrate:down',
    'DROP TABLE users;',
    '',
  ].join('\n');

  it('gives the up and down sections as byte ranges and lines of the real file', () => {
    const parsed = parse(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [section] = parsed.sections;
    expect(parsed.sections).toHaveLength(1);
    expect(section!.up.line).toBe(2);
    expect(section!.up.endLine).toBe(5);
    expect(sliceOf(file, section!.up)).toBe('-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\nCREATE INDEX users_id ON users (id);\n\n');
    expect(section!.down.line).toBe(6);
    expect(sliceOf(file, section!.down)).toBe('-- migrate:down\nDROP TABLE users;\n');
    expect(section!.upScope).toMatchObject({ wrapsFile: true, nonTransactional: 'never', runner: 'dbmate' });
  });

  it('reads transaction:false per section', () => {
    const parsed = parse('-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- migrate:down\nDROP INDEX CONCURRENTLY i;\n');
    expect(parsed.ok && parsed.sections[0]!.upOptions).toEqual({ transaction: 'false' });
    expect(parsed.ok && parsed.sections[0]!.upScope).toMatchObject({
      wrapsFile: true,
      nonTransactional: 'single-statement',
      runner: 'dbmate (transaction:false)',
    });
    expect(parsed.ok && parsed.sections[0]!.downScope.runner).toBe('dbmate');
  });

  it('splits several up/down pairs, each with its own options', () => {
    const text = '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n-- migrate:up transaction:false\nSELECT 3;\n-- migrate:down\nSELECT 4;\n';
    const parsed = parse(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.sections.map((section) => [section.up.line, section.down.line])).toEqual([
      [1, 3],
      [5, 7],
    ]);
    expect(parsed.sections.map((section) => section.upOptions['transaction'])).toEqual([undefined, 'false']);
  });

  it('counts a BOM and CRLF like the lint stage: offsets in the raw bytes, lines unshifted', () => {
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('-- migrate:up\r\nSELECT 1;\r\n-- migrate:down\r\n')]);
    const parsed = parseDbmateSections(raw);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.sections[0]!.up).toMatchObject({ start: 3, line: 1, endLine: 2 });
    expect(parsed.sections[0]!.down.line).toBe(3);
    expect(parsed.sections[0]!.upOptions).toEqual({});
  });

  it('rejects what dbmate rejects, at the line to fix', () => {
    const missingUp = parse('CREATE TABLE t (a int);\n');
    expect(missingUp).toMatchObject({ ok: false, line: 1 });
    const stray = parse('-- header\nCREATE TABLE t (a int);\n-- migrate:up\nSELECT 1;\n-- migrate:down\n');
    expect(stray).toMatchObject({ ok: false, line: 2 });
    expect(!stray.ok && stray.message).toMatch(/before the '-- migrate:up' block/);
    const missingDown = parse('-- migrate:up\nSELECT 1;\n');
    expect(!missingDown.ok && missingDown.message).toMatch(/down block/);
    const twoDowns = parse('-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n-- migrate:down\nSELECT 3;\n');
    expect(twoDowns).toMatchObject({ ok: false, line: 5 });
  });

  it('does not take look-alikes for directives', () => {
    expect(parse('-- migrate:upgrade\nSELECT 1;\n').ok).toBe(false);
    expect(parse('  -- migrate:up\nSELECT 1;\n').ok).toBe(false);
  });
});

describe('maskOutside', () => {
  it('blanks everything but the ranges and keeps every line break, so lines and columns stay', () => {
    const text = '-- migrate:up\nSELECT 1;\r\n-- migrate:down\nDROP TABLE é;\n';
    const raw = Buffer.from(text, 'utf8');
    const parsed = parseDbmateSections(raw);
    if (!parsed.ok) throw new Error('expected a parse');
    const masked = maskOutside(raw, [parsed.sections[0]!.up]);
    expect(masked.length).toBe(raw.length);
    expect(masked.toString('utf8')).toBe(`-- migrate:up\nSELECT 1;\r\n${' '.repeat(15)}\n${' '.repeat(14)}\n`);
  });
});
