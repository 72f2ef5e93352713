import { describe, expect, it } from 'vitest';
import { runSetRule } from '../../test/set/set-tester.js';

const cutFunction = [
  '-- +goose Up',
  'CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$',
  'BEGIN',
  '    NEW.updated_at = now();',
  '    RETURN NEW;',
  'END;',
  '$$ LANGUAGE plpgsql;',
  '',
].join('\n');

describe('runner-invalid-file', () => {
  it('reports a goose statement cut by its splitter and a goose file without an Up annotation, at their lines', async () => {
    const findings = await runSetRule('runner-invalid-file', {
      files: { '00001_set_updated_at.sql': cutFunction, '00002_add_name.sql': 'ALTER TABLE users ADD COLUMN name text;\n' },
      layout: 'goose',
    });
    expect(findings.map((f) => [f.path, f.line, f.severity])).toEqual([
      ['00001_set_updated_at.sql', 4, 'info'],
      ['00002_add_name.sql', 1, 'info'],
    ]);
    expect(findings[0]!.message).toContain("put a line '-- +goose StatementBegin' above the statement");
    expect(findings[1]!.message).toContain("no '-- +goose Up' annotation");
    expect(findings[0]!.help.length).toBeGreaterThan(0);
  });

  it('reports a dbmate file dbmate refuses', async () => {
    const findings = await runSetRule('runner-invalid-file', {
      files: { '20250101000000_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\n', '20250102000000_b.sql': 'SELECT 1;\n-- migrate:up\nSELECT 2;\n-- migrate:down\n' },
      layout: 'dbmate',
    });
    expect(findings.map((f) => [f.path, f.line])).toEqual([['20250102000000_b.sql', 1]]);
  });

  it('is silent for valid goose files, and for merged files when there is a base', async () => {
    const valid = '-- +goose Up\n-- +goose StatementBegin\n' + cutFunction.split('\n').slice(1, 7).join('\n') + '\n-- +goose StatementEnd\n';
    expect(await runSetRule('runner-invalid-file', { files: { '00001_set_updated_at.sql': valid } })).toEqual([]);
    const base = { '00001_set_updated_at.sql': cutFunction };
    expect(await runSetRule('runner-invalid-file', { base, files: { ...base, '00002_ok.sql': '-- +goose Up\nSELECT 1;\n' }, layout: 'goose' })).toEqual([]);
  });
});
