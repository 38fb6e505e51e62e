import assert from 'node:assert/strict';
import { ForgeClient } from '../../client/forgeClient';
import { followRelease } from '../../cli/releases/followRelease';
import { versionBody, workflowUpload } from '../service/support/artifacts';
import { startTestService, type TestService } from '../service/support/testService';

/**
 * A client of the test service's app, answered in process. Like a network fetch, aborting the request's signal
 * ends its body (app.request alone would leave the event stream open).
 */
function clientOf(service: TestService, token = service.adminToken): ForgeClient {
  return new ForgeClient({
    baseUrl: 'http://forge.test',
    token,
    fetch: async (input, init) => {
      const response = await service.app.request(input instanceof Request ? input : input.toString(), init);
      if (!init?.signal || !response.body) return response;
      const body = response.body.pipeThrough(new TransformStream(), { signal: init.signal });
      return new Response(body, response);
    },
  });
}

function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, output: { isTTY, write: (text: string) => chunks.push(text) } };
}

describe('following a release (--wait)', () => {
  let service: TestService;
  beforeEach(async () => {
    service = await startTestService();
    await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]));
  });
  afterEach(() => service.close());

  it('on a terminal rewrites one progress line in place and ends it with a newline', async () => {
    const client = clientOf(service);
    const release = await client.deploy('v1.0.0', 'development');
    const { chunks, output } = recorder(true);
    const final = await followRelease(client, release, output);
    assert.equal(final.status, 'succeeded');
    assert.ok(
      chunks.slice(0, -1).every((chunk) => chunk.startsWith('\r\x1b[2K') && !chunk.includes('\n')),
      JSON.stringify(chunks),
    );
    assert.equal(chunks.at(-2), '\r\x1b[2Kdevelopment ← v1.0.0: succeeded');
    assert.equal(chunks.at(-1), '\n');
  });

  it('shows approvals as they arrive and ends with the rejection, as plain lines off a terminal', async () => {
    const reviewer = await service.userToken('rita', 'maintainer');
    const staging = await service.call('PUT', '/api/environments/staging', {
      gates: { validation: true, 'promotion-order': true, approvals: true },
      approvalPolicy: { reviewers: ['role:maintainer'], required: 2, timeoutMinutes: 60 },
    });
    assert.equal(staging.status, 200, staging.text);
    const client = clientOf(service);
    await followRelease(client, await client.deploy('v1.0.0', 'development'), recorder(false).output);
    const release = await client.promote('staging');
    assert.equal(release.approval, 'waiting');

    const { chunks, output } = recorder(false);
    const startedAt = Date.now();
    const following = followRelease(client, release, output);
    // The first decision comes once the first state is shown; the rejection after the approval is seen.
    const seen = async (text: string) => {
      while (!chunks.some((chunk) => chunk.includes(text))) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await seen('approval waiting 0 of 2');
    const second = await service.userToken('raj', 'maintainer');
    await clientOf(service, reviewer).decideApproval(release.id, { decision: 'approve' });
    await seen('approval waiting 1 of 2');
    await clientOf(service, second).decideApproval(release.id, { decision: 'reject', comment: 'not today' });
    const final = await following;
    // Two decisions seen: polling alone would take two 2 s intervals, the event stream wakes it at once.
    assert.ok(Date.now() - startedAt < 3_900, `followed in ${Date.now() - startedAt} ms`);

    assert.equal(final.status, 'failed');
    assert.equal(final.approval, 'rejected');
    assert.deepEqual(chunks.slice(0, 2), ['staging ← v1.0.0: pending, approval waiting 0 of 2\n', 'staging ← v1.0.0: pending, approval waiting 1 of 2\n']);
    assert.equal(chunks.length, 3);
    assert.match(chunks[2]!, /^staging ← v1\.0\.0: failed, approval rejected 1 of 2, .+\n$/);
  });
});
