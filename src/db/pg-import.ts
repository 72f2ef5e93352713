// Loading the modules that bring `pg`, without Node 20's fetch stack. When pg loads it asks whether
// it runs in a Cloudflare Worker: `navigator.userAgent` where there is a `navigator`, else it builds a
// `Response`, and on Node 20 (which has no `navigator`) the first touch of `Response` loads all of
// Node's fetch implementation: 45-60 ms of every `check` and `plan`, for nothing the gate uses. For
// the length of the import only, Node 20 gets the `navigator` that Node 21 and later have
// (`userAgent` "Node.js/<major>"); on those it is theirs and left alone.

let lent = 0;

export async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const lend = lent > 0 || typeof (globalThis as { navigator?: unknown }).navigator === 'undefined';
  if (lend && lent++ === 0) {
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true, writable: true });
  }
  try {
    return await load();
  } finally {
    if (lend && --lent === 0) delete (globalThis as { navigator?: unknown }).navigator;
  }
}
