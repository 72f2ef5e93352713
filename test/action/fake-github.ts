// A local stand-in for the few GitHub REST endpoints the action uses (issue comments: list with
// pagination, create, update; pull request review comments: list with pagination, create, update,
// delete; `GET /user`), on 127.0.0.1 with a random port. It records every request, so tests can
// assert exactly what the action sent, and can be told to refuse writes as a read-only token's API
// would. Review comments are refused (422) on lines outside the files' diff, as GitHub refuses them.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: 'User' | 'Bot' };
}

export interface StoredReviewComment extends StoredComment {
  path: string;
  commit_id: string;
  /** null once outdated (a push changed the lines), as GitHub reports it. */
  line: number | null;
  start_line: number | null;
  in_reply_to_id?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

export interface WriteFailure {
  status: number;
  message: string;
}

export class FakeGitHub {
  readonly comments: StoredComment[] = [];
  readonly reviewComments: StoredReviewComment[] = [];
  /** The pull request's diff on its head: the lines of each file a review comment may be made on. */
  readonly diff = new Map<string, { from: number; to: number }>();
  readonly requests: RecordedRequest[] = [];
  /** When set, POST, PATCH and DELETE answer with this error instead of writing. */
  failWrites: WriteFailure | undefined;
  /**
   * The token's account. Unset, the token is an installation token (GITHUB_TOKEN): `GET /user` is
   * refused with 403 as GitHub does, and comments are written by github-actions[bot]. Set, it is a
   * personal access token of that user.
   */
  tokenLogin: string | undefined;
  private server: Server | undefined;
  private nextId = 1000;
  url = '';

  constructor(
    private readonly owner: string,
    private readonly repo: string,
    private readonly issueNumber: number,
  ) {}

  addComment(body: string, login = 'someone-else'): StoredComment {
    const comment: StoredComment = { id: this.nextId++, body, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' } };
    this.comments.push(comment);
    return comment;
  }

  addReviewComment(fields: Omit<StoredReviewComment, 'id' | 'user' | 'commit_id' | 'start_line'> & { start_line?: number | null; commit_id?: string }, login = 'someone-else'): StoredReviewComment {
    const comment: StoredReviewComment = {
      start_line: null,
      commit_id: 'f'.repeat(40),
      ...fields,
      id: this.nextId++,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
    };
    this.reviewComments.push(comment);
    return comment;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests that wrote a comment (create, update or delete). */
  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method === 'POST' || request.method === 'PATCH' || request.method === 'DELETE');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const text = await readBody(request);
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    };
    this.requests.push(recorded);

    const issueComments = `/repos/${this.owner}/${this.repo}/issues/${this.issueNumber}/comments`;
    const commentById = new RegExp(`^/repos/${this.owner}/${this.repo}/issues/comments/(\\d+)$`);
    if (url.pathname === '/user' && recorded.method === 'GET') {
      if (!this.tokenLogin) return send(response, 403, { message: 'Resource not accessible by integration' });
      return send(response, 200, { login: this.tokenLogin, type: 'User' });
    }
    if (url.pathname === issueComments && recorded.method === 'GET') return this.list(url, response, this.comments);
    if (url.pathname === issueComments && recorded.method === 'POST') {
      if (this.failWrites) return send(response, this.failWrites.status, { message: this.failWrites.message });
      const comment = this.addComment(String((recorded.body as { body: string }).body), this.tokenLogin ?? 'github-actions[bot]');
      return send(response, 201, this.toJson(comment));
    }
    const reviewComments = `/repos/${this.owner}/${this.repo}/pulls/${this.issueNumber}/comments`;
    const reviewCommentById = new RegExp(`^/repos/${this.owner}/${this.repo}/pulls/comments/(\\d+)$`);
    if (url.pathname === reviewComments && recorded.method === 'GET') return this.list(url, response, this.reviewComments);
    if (url.pathname === reviewComments && recorded.method === 'POST') {
      if (this.failWrites) return send(response, this.failWrites.status, { message: this.failWrites.message });
      return this.createReviewComment(recorded.body as Record<string, unknown>, response);
    }
    const reviewMatch = reviewCommentById.exec(url.pathname);
    if (reviewMatch && (recorded.method === 'PATCH' || recorded.method === 'DELETE')) {
      if (this.failWrites) return send(response, this.failWrites.status, { message: this.failWrites.message });
      const index = this.reviewComments.findIndex((c) => c.id === Number(reviewMatch[1]));
      if (index === -1) return send(response, 404, { message: 'Not Found' });
      if (recorded.method === 'DELETE') {
        this.reviewComments.splice(index, 1);
        response.writeHead(204, { connection: 'close' });
        return void response.end();
      }
      this.reviewComments[index]!.body = String((recorded.body as { body: string }).body);
      return send(response, 200, this.toJson(this.reviewComments[index]!));
    }
    const match = commentById.exec(url.pathname);
    if (match && recorded.method === 'PATCH') {
      if (this.failWrites) return send(response, this.failWrites.status, { message: this.failWrites.message });
      const comment = this.comments.find((c) => c.id === Number(match[1]));
      if (!comment) return send(response, 404, { message: 'Not Found' });
      comment.body = String((recorded.body as { body: string }).body);
      return send(response, 200, this.toJson(comment));
    }
    return send(response, 404, { message: `Not Found: ${recorded.method} ${url.pathname}` });
  }

  /** What GitHub checks of a new review comment: the fields, and lines inside the file's diff. */
  private createReviewComment(body: Record<string, unknown>, response: ServerResponse): void {
    const { path, line, start_line: startLine, commit_id: commitId, side } = body as { path?: string; line?: number; start_line?: number; commit_id?: string; side?: string };
    if (typeof body.body !== 'string' || typeof path !== 'string' || typeof line !== 'number' || typeof commitId !== 'string' || side !== 'RIGHT') {
      return send(response, 422, { message: 'Invalid request.' });
    }
    const hunk = this.diff.get(path);
    const first = startLine ?? line;
    if (!hunk || first > line || first < hunk.from || line > hunk.to) {
      return send(response, 422, { message: 'Validation Failed', errors: [{ resource: 'PullRequestReviewComment', code: 'custom', field: 'pull_request_review_thread.line', message: 'could not be resolved' }] });
    }
    const comment = this.addReviewComment({ path, line, start_line: startLine ?? null, commit_id: commitId, body: body.body }, this.tokenLogin ?? 'github-actions[bot]');
    send(response, 201, this.toJson(comment));
  }

  /** GitHub's pagination: `per_page` (default 30, at most 100), `page`, and a Link header. */
  private list(url: URL, response: ServerResponse, all: readonly StoredComment[]): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const pageUrl = (n: number) => {
      const next = new URL(url.pathname, this.url);
      next.searchParams.set('per_page', String(perPage));
      next.searchParams.set('page', String(n));
      return next.toString();
    };
    const links = [];
    if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`);
    const items = all.slice((page - 1) * perPage, page * perPage).map((comment) => this.toJson(comment));
    send(response, 200, items, links.length ? { link: links.join(', ') } : {});
  }

  private toJson(comment: StoredComment | StoredReviewComment) {
    const review = 'path' in comment;
    return {
      ...comment,
      html_url: review
        ? `https://github.com/${this.owner}/${this.repo}/pull/${this.issueNumber}#discussion_r${comment.id}`
        : `https://github.com/${this.owner}/${this.repo}/pull/${this.issueNumber}#issuecomment-${comment.id}`,
    };
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close', ...headers });
  response.end(JSON.stringify(body));
}
