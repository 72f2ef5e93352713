// Judges the pull request, not the repository. With a base, the set rules see the whole directory,
// and a problem that merged files already had (an odd journal entry, a file the runner skips) would
// otherwise block every later change of the repository. So a set finding counts at its severity
// only when the change brings it; one already on the base becomes one `info` note per rule. And one
// act is one finding: a renamed, edited or deleted merged migration is `migration-modified` alone,
// not also a duplicate version, an out-of-order name or a journal mismatch.

import type { DiscoveryProblem, GitChanges } from '../discover/index.js';
import type { Finding } from '../types.js';
import type { SetFinding } from './set-lint.js';

export interface ChangeScopeInput {
  /** What the branch changed; undefined without a base, when every migration is new. */
  changes: GitChanges | undefined;
  /** The problems discovery finds in the directory at the base. */
  baseProblems: readonly DiscoveryProblem[];
}

const MODIFIED_RULE = 'migration-modified';

export function scopeToChange(findings: readonly SetFinding[], input: ChangeScopeInput): Finding[] {
  const { changes } = input;
  if (!changes) return findings.map(({ finding }) => finding);

  const coveredByModified = coveredPaths(findings, changes);
  const touched = new Set(changes.changes.flatMap((change) => [change.path, ...(change.oldPath ? [change.oldPath] : [])]));
  const onBase = new Set(input.baseProblems.map(problemKey));

  const kept: Finding[] = [];
  const preExisting = new Map<string, Finding[]>();
  for (const { finding, subject } of findings) {
    if (finding.rule === MODIFIED_RULE) {
      kept.push(finding);
      continue;
    }
    const about = 'problem' in subject ? (subject.problem.subject ?? subject.problem.path) : subject.path;
    if (coveredByModified.has(about)) continue;
    const merged = 'problem' in subject ? onBase.has(problemKey(subject.problem)) : !touched.has(subject.path);
    if (!merged) {
      kept.push(finding);
      continue;
    }
    const list = preExisting.get(finding.rule) ?? [];
    list.push(finding);
    preExisting.set(finding.rule, list);
  }
  for (const [rule, list] of preExisting) kept.push(preExistingNote(rule, list));
  return kept;
}

/** The files `migration-modified` reported (a rename counts for both names). */
function coveredPaths(findings: readonly SetFinding[], changes: GitChanges): Set<string> {
  const covered = new Set<string>();
  for (const { finding } of findings) {
    if (finding.rule !== MODIFIED_RULE) continue;
    covered.add(finding.path);
    for (const rename of changes.renamed) if (rename.to === finding.path) covered.add(rename.from);
  }
  return covered;
}

/** A problem is the same one at the base when it has the same code, file, subject and text. */
function problemKey(problem: DiscoveryProblem): string {
  return [problem.code, problem.path, problem.subject ?? '', problem.message].join('\0');
}

/** One `info` per rule for what merged files already break, at the first of them. */
function preExistingNote(rule: string, findings: readonly Finding[]): Finding {
  const first = findings[0]!;
  const files = [...new Set(findings.map((finding) => finding.path))];
  const count = files.length === 1 ? 'A merged file' : `${files.length} merged files`;
  return {
    ...first,
    severity: 'info',
    message: `${count} already break${files.length === 1 ? 's' : ''} ${rule}, not because of this change (${listed(files)}). The first: ${first.message}`,
    help: `Leave it to a change of its own; this note does not block. To fix it: ${first.help}`,
  };
}

function listed(files: readonly string[]): string {
  const shown = files.slice(0, 3).join(', ');
  return files.length > 3 ? `${shown} and ${files.length - 3} more` : shown;
}
