import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { GitCommandError, RemoteError, type RemoteErrorCode } from '../../git/gitErrors';
import { withRemote } from '../../git/remoteFailure';
import { fetchTags } from '../../git/remoteTags';
import { commitFiles, createRepositoryFixture, type RepositoryFixture } from './gitRepositoryFixture';

describe('git remote failures', () => {
  it('classifies what git prints for each kind of remote failure', async () => {
    const samples: Array<[string, RemoteErrorCode]> = [
      ["remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/acme/x.git/'", 'remote_auth_failed'],
      ['git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'remote_auth_failed'],
      ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", 'remote_auth_failed'],
      ["remote: Repository not found.\nfatal: repository 'https://github.com/acme/nope.git/' not found", 'remote_not_found'],
      ["fatal: unable to access 'https://nohost.invalid/x.git/': Could not resolve host: nohost.invalid", 'remote_unreachable'],
      [' ! [rejected]        v1.0.0 -> v1.0.0 (already exists)\nerror: failed to push some refs', 'remote_rejected'],
      ['fatal: the remote end hung up unexpectedly', 'remote_failed'],
    ];
    for (const [stderr, code] of samples) {
      await assert.rejects(
        withRemote('origin', () => Promise.reject(new GitCommandError('fetch origin', stderr))),
        (error: unknown) => error instanceof RemoteError && error.code === code,
        stderr,
      );
    }
  });

  it('lets errors that are not git failures through unchanged', async () => {
    const failure = new TypeError('bad input');
    await assert.rejects(
      withRemote('origin', () => Promise.reject(failure)),
      (error: unknown) => error === failure,
    );
  });

  describe('against a remote that never answers', () => {
    let fixture: RepositoryFixture;
    let server: Server;
    const sockets = new Set<Socket>();

    before(async () => {
      fixture = await createRepositoryFixture();
      await commitFiles(fixture.git, 'First', { 'workflows/a.json': '{}\n' });
      // Accepts connections and stays silent, like a hung git host.
      server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });

    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      await fixture.remove();
    });

    it('gives up after the timeout with RemoteError remote_timeout', async () => {
      const { port } = server.address() as AddressInfo;
      const started = Date.now();
      await assert.rejects(
        fetchTags(fixture.work, { remote: `http://127.0.0.1:${port}/repo.git`, timeoutMs: 700 }),
        (error: unknown) => error instanceof RemoteError && error.code === 'remote_timeout',
      );
      assert.ok(Date.now() - started < 10_000, 'did not hang');
    });
  });
});
