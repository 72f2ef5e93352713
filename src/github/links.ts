// Links from the comment to the exact line of a migration at a commit. The path comes from the
// repository (any file name), so every segment is percent-encoded, parentheses included: a `)` would
// otherwise end the markdown link early.

export interface BlobLinkTarget {
  serverUrl: string;
  owner: string;
  repo: string;
  sha: string;
}

export function blobLineUrl(target: BlobLinkTarget, repoPath: string, line: number): string {
  const encodedPath = repoPath.split('/').map(encodePathSegment).join('/');
  return `${target.serverUrl}/${target.owner}/${target.repo}/blob/${target.sha}/${encodedPath}#L${line}`;
}

function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
