import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalEventText, eventHash } from '../../../core/audit/eventText';
import { canonicalJson } from '../../../core/json/canonicalJson';

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u2028', '\ud800', '😀'));
const nullableText = fc.option(text, { nil: null });
const event = fc.record({
  id: text,
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  at: text,
  actor: text,
  action: text,
  environment: nullableText,
  version: nullableText,
  releaseId: nullableText,
  outcome: nullableText,
  details: fc.dictionary(text, fc.jsonValue()),
  prevHash: text,
});

describe('the canonical text an audit event is sealed over', () => {
  it('is the canonical JSON of the event without its hash, for any content', () => {
    fc.assert(
      fc.property(event, (unsealed) => {
        const details = JSON.parse(canonicalJson(unsealed.details)) as Record<string, unknown>;
        const normalised = { ...unsealed, details };
        assert.equal(canonicalEventText(normalised, canonicalJson(details)), canonicalJson(normalised));
        assert.equal(eventHash(normalised), createHash('sha256').update(canonicalJson(normalised)).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes the details text as stored, so details written another way no longer match', () => {
    const unsealed = {
      id: 'e1',
      seq: 1,
      at: '2024-03-01T00:00:00.000Z',
      actor: 'alice',
      action: 'access',
      environment: null,
      version: null,
      releaseId: null,
      outcome: null,
      details: { a: 1 },
      prevHash: '0'.repeat(64),
    };
    assert.notEqual(canonicalEventText(unsealed, '{ "a": 1 }'), canonicalEventText(unsealed, '{"a":1}'));
  });
});
