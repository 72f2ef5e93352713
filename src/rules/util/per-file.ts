// Views of a file that several rules ask for (its ALTER TABLE sub-commands, its column
// definitions, its statements by tag): computed once per file, however many rules read them.
// The results are shared between rules, hence read-only.

import type { FileModel } from '../../lint/file-model.js';

export function perFile<T>(compute: (model: FileModel) => T): (model: FileModel) => T {
  const computed = new WeakMap<FileModel, T>();
  return (model) => {
    if (computed.has(model)) return computed.get(model)!;
    const value = compute(model);
    computed.set(model, value);
    return value;
  };
}
