// goose's reading of a SQL migration: the annotations, its line-based statement split, NO
// TRANSACTION, and every file goose refuses, at the line to fix. The inputs are shaped like goose's
// own parser tests (internal/sqlparser/parser_test.go) and real goose projects.

import { describe, expect, it } from 'vitest';
import { hasGooseUpAnnotation, parseGooseFile, type GooseDirection } from '../../src/discover/goose-sections.js';

const parse = (text: string) => parseGooseFile(Buffer.from(text, 'utf8'));
const textOf = (text: string, range: { start: number; end: number }) => Buffer.from(text, 'utf8').subarray(range.start, range.end).toString('utf8');
const statementsOf = (text: string, direction: GooseDirection) => (direction.ok ? direction.statements.map((s) => textOf(text, s)) : direction.message);

describe('parseGooseFile', () => {
  // goose's own multilineSQL case: 4 up statements, 1 down.
  const multiline = [
    '-- +goose Up',
    'CREATE TABLE post (',
    '\t\tid int NOT NULL,',
    '\t\ttitle text,',
    '\t\tPRIMARY KEY(id)',
    ');                  -- 1st stmt',
    '',
    '-- comment',
    'SELECT 2;           -- 2nd stmt',
    'SELECT 3; SELECT 3; -- 3rd stmt',
    'SELECT 4;           -- 4th stmt',
    '',
    '-- +goose Down',
    '-- comment',
    'DROP TABLE post;    -- 1st stmt',
    '',
  ].join('\n');

  it('splits at lines ending in `;`, drops comments before a statement, keeps two statements on a line together', () => {
    const parsed = parse(multiline);
    expect(statementsOf(multiline, parsed.up)).toEqual([
      'CREATE TABLE post (\n\t\tid int NOT NULL,\n\t\ttitle text,\n\t\tPRIMARY KEY(id)\n);                  -- 1st stmt',
      'SELECT 2;           -- 2nd stmt',
      'SELECT 3; SELECT 3; -- 3rd stmt',
      'SELECT 4;           -- 4th stmt',
    ]);
    expect(statementsOf(multiline, parsed.down)).toEqual(['DROP TABLE post;    -- 1st stmt']);
    expect(parsed.up.ok && parsed.up.statements.map((s) => [s.line, s.endLine, s.block])).toEqual([
      [2, 6, false],
      [9, 9, false],
      [10, 10, false],
      [11, 11, false],
    ]);
    expect(parsed.upRange).toMatchObject({ line: 1, endLine: 12 });
    expect(parsed.downRange).toMatchObject({ line: 13, endLine: 15 });
    expect(textOf(multiline, parsed.downRange!)).toBe('-- +goose Down\n-- comment\nDROP TABLE post;    -- 1st stmt\n');
    expect(parsed.noTransaction).toBe(false);
  });

  it('keeps a StatementBegin ... StatementEnd block whole, without the annotation lines', () => {
    const text = [
      '-- +goose Up',
      '-- +goose StatementBegin',
      'CREATE OR REPLACE FUNCTION update_updated_at_column()',
      'RETURNS TRIGGER AS $$',
      'BEGIN',
      '    NEW.updated_at = now();',
      '    RETURN NEW;',
      'END;',
      "$$ language 'plpgsql';",
      '-- +goose StatementEnd',
      '',
      'CREATE TRIGGER update_properties_updated_at',
      'BEFORE UPDATE',
      'ON properties',
      'FOR EACH ROW EXECUTE PROCEDURE  update_updated_at_column();',
      '',
      '-- +goose Down',
      'DROP TRIGGER update_properties_updated_at ON properties;',
      'DROP FUNCTION update_updated_at_column();',
      '',
    ].join('\n');
    const parsed = parse(text);
    const up = statementsOf(text, parsed.up) as string[];
    expect(up).toHaveLength(2);
    expect(up[0]).toMatch(/^CREATE OR REPLACE FUNCTION[^]*\$\$ language 'plpgsql';$/);
    expect(up[0]).not.toContain('+goose');
    expect(parsed.up.ok && parsed.up.statements.map((s) => [s.line, s.endLine, s.block])).toEqual([
      [3, 9, true],
      [12, 15, false],
    ]);
    expect(statementsOf(text, parsed.down)).toEqual(['DROP TRIGGER update_properties_updated_at ON properties;', 'DROP FUNCTION update_updated_at_column();']);
  });

  it('reads NO TRANSACTION before or after the Up annotation, for the whole file', () => {
    for (const text of [
      '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\nDROP INDEX CONCURRENTLY i;\n',
      '-- +goose Up\n-- +goose NO TRANSACTION\n\n-- CREATE INDEX CONCURRENTLY cannot run inside a transaction block\nCREATE INDEX CONCURRENTLY i ON t (a);\n',
    ]) {
      const parsed = parse(text);
      expect(parsed.noTransaction).toBe(true);
      expect(statementsOf(text, parsed.up)).toEqual(['CREATE INDEX CONCURRENTLY i ON t (a);']);
    }
  });

  it('matches annotations case-insensitively, with any spacing after the dashes, and ignores other comments', () => {
    const text = '-- +goose up\nSELECT 1;\n--   +goose   DOWN \t\n-- not an annotation: goose Up\nSELECT 2;\n';
    const parsed = parse(text);
    expect(statementsOf(text, parsed.up)).toEqual(['SELECT 1;']);
    expect(statementsOf(text, parsed.down)).toEqual(['SELECT 2;']);
    expect(parse('-- +goose Up\n-- +goose ENVSUB ON\nSELECT 1;\n-- +goose ENVSUB OFF\n').up.ok).toBe(true);
  });

  it('reads CRLF files like goose (the \\r is not part of the line) at the lines editors show', () => {
    const text = '-- +goose Up\r\nCREATE TABLE t (a int);\r\n-- +goose Down\r\nDROP TABLE t;\r\n';
    const parsed = parse(text);
    expect(statementsOf(text, parsed.up)).toEqual(['CREATE TABLE t (a int);\r']);
    expect(parsed.downRange).toMatchObject({ line: 3, endLine: 4 });
  });

  it('has no down section without a Down annotation', () => {
    const parsed = parse('-- +goose Up\nSELECT 1;\n');
    expect(parsed.downRange).toBeUndefined();
    expect(parsed.down).toEqual({ ok: true, statements: [] });
  });
});

describe('files goose refuses', () => {
  const refusal = (text: string) => {
    const parsed = parse(text);
    if (parsed.up.ok) throw new Error('goose accepts this file');
    return { line: parsed.up.line, message: parsed.up.message };
  };

  it.each([
    ['SQL without an Up annotation', '\nCREATE TABLE post (\n    id int NOT NULL\n);\n', 2, "it has no '-- +goose Up' annotation"],
    ['only comments, no Up annotation', '-- TODO: write this migration\n', 1, "must start with '-- +goose Up' annotation"],
    ['SQL before Up', '-- header\nCREATE TABLE t (a int);\n-- +goose Up\nSELECT 1;\n', 2, "SQL before the '-- +goose Up' annotation"],
    ['Down before Up', '-- +goose Down\nDROP TABLE fancier_post;\n', 1, "'-- +goose Down' before '-- +goose Up'"],
    ['a second Up', '-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n\n-- +goose Up\nSELECT 3;\n', 6, "duplicate '-- +goose Up' annotations"],
    ['StatementBegin still open at Down', '-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n\n-- +goose Down\nDROP FUNCTION f;\n', 2, "still open at '-- +goose Down' on line 5"],
    ['StatementBegin never closed', '-- +goose Up\nSELECT 1;\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n', 3, "missing '-- +goose StatementEnd' annotation"],
    ['StatementEnd without StatementBegin', '-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n', 3, "must be defined after '-- +goose StatementBegin'"],
    ['a statement without its semicolon before Down', '\n-- +goose Up\nALTER TABLE post\n\n-- +goose Down\n', 3, 'missing semicolon?'],
    ['an indented annotation', '-- +goose Up\n  -- +goose StatementBegin\nSELECT 1;\n', 2, 'contains leading whitespace'],
    ['two annotations on a line', '-- +goose +goose Up\nSELECT 1;\n', 1, "contains multiple '+goose' annotations"],
    ['an annotation goose does not know', '-- +goose Up\n-- +goose NO TRANSACTIONS\nSELECT 1;\n', 2, 'not supported'],
    ['a UTF-8 BOM before the Up annotation', '\uFEFF-- +goose Up\nSELECT 1;\n', 1, 'unexpected state 0'],
  ])('%s', (_name, text, line, gooseSays) => {
    const found = refusal(text);
    expect(found.line).toBe(line);
    expect(found.message).toContain(gooseSays);
    expect(found.message).toMatch(/^goose refuses .*; [a-z]/);
  });

  it('refuses a Down section whose last statement has no semicolon, while the Up section still runs', () => {
    const parsed = parse('-- +goose Up\nCREATE TABLE t (a int);\n\n-- +goose Down\nDROP TABLE t\n');
    expect(parsed.up.ok).toBe(true);
    expect(parsed.down).toMatchObject({ ok: false, line: 5, message: expect.stringContaining('missing semicolon?') });
  });
});

describe('hasGooseUpAnnotation', () => {
  it('finds the Up annotation however it is cased, and nothing in look-alikes', () => {
    expect(hasGooseUpAnnotation(Buffer.from('-- +goose Up\nSELECT 1;\n'))).toBe(true);
    expect(hasGooseUpAnnotation(Buffer.from('-- a comment\n--+goose up\n'))).toBe(true);
    expect(hasGooseUpAnnotation(Buffer.from('-- migrate:up\nSELECT 1;\n'))).toBe(false);
    expect(hasGooseUpAnnotation(Buffer.from('-- +goose Upgrade\n-- Up\nSELECT 1; -- +goose Up\n'))).toBe(false);
  });
});
