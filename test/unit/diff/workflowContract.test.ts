import assert from 'node:assert/strict';
import { assertOnlyChange, diffAfterChanging, type Json } from './exampleSnapshot';

// claims-intake inputs: document_id (required), submitted_by, priority; outputs.publish: claim_id, document_type (required), fields.
const intake = (mutate: (content: Json) => void) => diffAfterChanging('claims-intake', mutate);

describe('diffSnapshots: workflow inputs and outputs', () => {
  it('an input type changed from scalar to object is major, its new nested properties minor', () => {
    const diff = intake((c) => {
      c.spec.inputs.properties.submitted_by = { type: 'object', properties: { email: { type: 'string' } } };
    });
    assert.deepEqual(
      diff.changes.map((change) => [change.path, change.bump]),
      [
        ['spec.inputs.properties.submitted_by.type', 'major'],
        ['spec.inputs.properties.submitted_by.properties.email', 'minor'],
      ],
    );
    assert.equal(diff.bump, 'major');
  });

  it('an input property removed is major', () => {
    assertOnlyChange(
      intake((c) => delete c.spec.inputs.properties.priority),
      {
        path: 'spec.inputs.properties.priority',
        bump: 'major',
        words: /input property "priority" removed/,
      },
    );
  });

  it('a new required input property is major', () => {
    assertOnlyChange(
      intake((c) => {
        c.spec.inputs.properties.policy_number = { type: 'string' };
        c.spec.inputs.required.push('policy_number');
      }),
      { path: 'spec.inputs.properties.policy_number', bump: 'major', words: /required input property "policy_number" added/ },
    );
  });

  it('an existing input made required is major', () => {
    assertOnlyChange(
      intake((c) => c.spec.inputs.required.push('submitted_by')),
      {
        path: 'spec.inputs.required',
        bump: 'major',
        words: /input property "submitted_by" is now required/,
      },
    );
  });

  it('an input type changed is major', () => {
    assertOnlyChange(
      intake((c) => (c.spec.inputs.properties.document_id.type = 'integer')),
      {
        path: 'spec.inputs.properties.document_id.type',
        bump: 'major',
        words: /type changed from "string" to "integer"/,
      },
    );
  });

  it('a nested input property removed is major', () => {
    const diff = diffAfterChanging(
      'claims-intake',
      (c) => delete c.spec.inputs.properties.submitted_by.properties.name,
      (c) => {
        c.spec.inputs.properties.submitted_by = { type: 'object', properties: { email: { type: 'string' }, name: { type: 'string' } } };
      },
    );
    assertOnlyChange(diff, { path: 'spec.inputs.properties.submitted_by.properties.name', bump: 'major', words: /input property "name" removed/ });
  });

  it('an optional input added is minor', () => {
    assertOnlyChange(
      intake((c) => (c.spec.inputs.properties.channel = { type: 'string' })),
      {
        path: 'spec.inputs.properties.channel',
        bump: 'minor',
        words: /optional input property "channel" added/,
      },
    );
  });

  it('an input no longer required is minor', () => {
    assertOnlyChange(
      intake((c) => (c.spec.inputs.required = [])),
      {
        path: 'spec.inputs.required',
        bump: 'minor',
        words: /input property "document_id" is no longer required/,
      },
    );
  });

  it('an input description changed is a patch', () => {
    assertOnlyChange(
      intake((c) => (c.spec.inputs.properties.document_id.description = 'The scan id')),
      {
        path: 'spec.inputs.properties.document_id.description',
        bump: 'patch',
        words: /description changed/,
      },
    );
  });

  it('an output sink removed is major', () => {
    assertOnlyChange(
      intake((c) => delete c.spec.outputs.publish),
      {
        path: 'spec.outputs.publish',
        bump: 'major',
        words: /output of sink "publish" removed/,
      },
    );
  });

  it('an output property removed is major', () => {
    assertOnlyChange(
      intake((c) => delete c.spec.outputs.publish.properties.fields),
      {
        path: 'spec.outputs.publish.properties.fields',
        bump: 'major',
        words: /output property "fields" removed/,
      },
    );
  });

  it('an output property type changed is major', () => {
    assertOnlyChange(
      intake((c) => (c.spec.outputs.publish.properties.claim_id.type = 'number')),
      {
        path: 'spec.outputs.publish.properties.claim_id.type',
        bump: 'major',
        words: /type changed from "string" to "number"/,
      },
    );
  });

  it('an output property no longer guaranteed is major', () => {
    assertOnlyChange(
      intake((c) => (c.spec.outputs.publish.required = ['claim_id'])),
      {
        path: 'spec.outputs.publish.required',
        bump: 'major',
        words: /output property "document_type" is no longer guaranteed/,
      },
    );
  });

  it('a new output property is minor', () => {
    assertOnlyChange(
      intake((c) => (c.spec.outputs.publish.properties.confidence = { type: 'number' })),
      {
        path: 'spec.outputs.publish.properties.confidence',
        bump: 'minor',
        words: /new output property "confidence"/,
      },
    );
  });

  it('a new output sink is minor', () => {
    assertOnlyChange(
      intake((c) => (c.spec.outputs.merge = { type: 'object' })),
      {
        path: 'spec.outputs.merge',
        bump: 'minor',
        words: /new output of sink "merge"/,
      },
    );
  });
});
