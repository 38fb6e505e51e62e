import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SecretError } from '../../../server/secrets/secretError';
import { loadOrCreateSecretKey, parseSecretKey, resolveSecretKey, secretKeyFileName } from '../../../server/secrets/secretKey';

const run = promisify(execFile);
const validKey = Buffer.alloc(32, 7).toString('base64');

describe('server secret key', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'forge-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('parses base64 of 32 bytes and derives a stable id that is not the key', () => {
    const key = parseSecretKey(` ${validKey}\n`);
    assert.equal(key.key.length, 32);
    assert.match(key.id, /^[0-9a-f]{16}$/);
    assert.equal(parseSecretKey(validKey).id, key.id);
    assert.notEqual(parseSecretKey(Buffer.alloc(32, 8).toString('base64')).id, key.id);
    assert.ok(!validKey.includes(key.id));
  });

  for (const [label, text] of [
    ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
    ['not base64', 'not a key at all, just words!'],
    ['empty', ''],
  ] as const) {
    it(`refuses a key of ${label} with secret_key_invalid`, () => {
      assert.throws(
        () => parseSecretKey(text),
        (error: unknown) => error instanceof SecretError && error.code === 'secret_key_invalid',
      );
    });
  }

  it('creates a 0600 key file in the data dir on first use and reads the same key afterwards', async () => {
    const created = await loadOrCreateSecretKey(join(dataDir, 'nested'));
    const path = join(dataDir, 'nested', secretKeyFileName);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(parseSecretKey(readFileSync(path, 'utf8')).id, created.id);
    const again = await loadOrCreateSecretKey(join(dataDir, 'nested'));
    assert.deepEqual(again, created);
  });

  it('prefers a configured key over the key file', async () => {
    assert.equal((await resolveSecretKey(validKey, dataDir)).id, parseSecretKey(validKey).id);
    const fromFile = await resolveSecretKey(undefined, dataDir);
    assert.notEqual(fromFile.id, parseSecretKey(validKey).id);
    assert.equal((await resolveSecretKey('', dataDir)).id, fromFile.id);
  });

  it('gives several processes starting at once the same key', async function () {
    this.timeout(60_000);
    const child = `
      const { loadOrCreateSecretKey } = require('./server/secrets/secretKey');
      loadOrCreateSecretKey(process.argv[1]).then((key) => process.stdout.write(key.id));`;
    const ids = await Promise.all([0, 1, 2, 3].map(() => run(process.execPath, ['--import', 'tsx', '-e', child, dataDir]).then((out) => out.stdout)));
    assert.equal(new Set(ids).size, 1, ids.join(', '));
    assert.match(ids[0] ?? '', /^[0-9a-f]{16}$/);
  });
});
