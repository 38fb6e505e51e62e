import assert from 'node:assert/strict';
import { assertOnlyChange, diffAfterChanging, type Json } from './exampleSnapshot';

// claim-form-extractor fields: claimant_name, policy_number, date_of_service (REQUIRED_ONCE), provider_address (OPTIONAL_ONCE),
// total_charges, service_lines (children procedure_code, charge), signature_on_file; classifier classes cms1500, ub04, …
const extractor = (mutate: (spec: Json) => void) => diffAfterChanging('claim-form-extractor', (c) => mutate(c.spec));
const classifier = (mutate: (spec: Json) => void) => diffAfterChanging('claim-form-classifier', (c) => mutate(c.spec));
const field = (spec: Json, name: string) => spec.fields.find((f: Json) => f.name === name);

describe('diffSnapshots: processors', () => {
  it('a field removed is major', () => {
    assertOnlyChange(
      extractor((s) => (s.fields = s.fields.filter((f: Json) => f.name !== 'provider_address'))),
      {
        path: 'spec.fields[provider_address]',
        bump: 'major',
        words: /field "provider_address" removed/,
      },
    );
  });

  it('a field renamed is major, reported once as a rename', () => {
    assertOnlyChange(
      extractor((s) => (field(s, 'policy_number').name = 'policy_id')),
      {
        path: 'spec.fields[policy_number]',
        bump: 'major',
        words: /field "policy_number" renamed to "policy_id"/,
      },
    );
  });

  it('a nested field removed is major', () => {
    assertOnlyChange(
      extractor((s) => field(s, 'service_lines').children.pop()),
      {
        path: 'spec.fields[service_lines].children[charge]',
        bump: 'major',
        words: /field "charge" removed/,
      },
    );
  });

  it('data_type changed is major', () => {
    assertOnlyChange(
      extractor((s) => (field(s, 'total_charges').data_type = 'NUMBER')),
      {
        path: 'spec.fields[total_charges].data_type',
        bump: 'major',
        words: /data_type changed from "CURRENCY" to "NUMBER"/,
      },
    );
  });

  it('a field made required is major', () => {
    assertOnlyChange(
      extractor((s) => (field(s, 'provider_address').occurrence = 'REQUIRED_ONCE')),
      {
        path: 'spec.fields[provider_address].occurrence',
        bump: 'major',
        words: /field made required/,
      },
    );
  });

  it('a field made optional is minor', () => {
    assertOnlyChange(
      extractor((s) => (field(s, 'date_of_service').occurrence = 'OPTIONAL_ONCE')),
      {
        path: 'spec.fields[date_of_service].occurrence',
        bump: 'minor',
        words: /field made optional/,
      },
    );
  });

  it('an optional field added is minor', () => {
    assertOnlyChange(
      extractor((s) => s.fields.push({ name: 'diagnosis_code', data_type: 'PLAIN_TEXT', occurrence: 'OPTIONAL_MULTIPLE' })),
      {
        path: 'spec.fields[diagnosis_code]',
        bump: 'minor',
        words: /optional field "diagnosis_code" added/,
      },
    );
  });

  it('a required field added is major', () => {
    assertOnlyChange(
      extractor((s) => s.fields.push({ name: 'patient_dob', data_type: 'DATETIME', occurrence: 'REQUIRED_ONCE' })),
      {
        path: 'spec.fields[patient_dob]',
        bump: 'major',
        words: /required field "patient_dob" added/,
      },
    );
  });

  it('a prompt hint or display name changed is a patch', () => {
    assertOnlyChange(
      extractor((s) => (field(s, 'policy_number').prompt_hint = 'Box 1a')),
      {
        path: 'spec.fields[policy_number].prompt_hint',
        bump: 'patch',
        words: /prompt_hint changed/,
      },
    );
    assertOnlyChange(
      extractor((s) => (field(s, 'claimant_name').display_name = 'Patient name')),
      {
        path: 'spec.fields[claimant_name].display_name',
        bump: 'patch',
        words: /display_name changed/,
      },
    );
  });

  it('a class added is minor and a class removed is major', () => {
    assertOnlyChange(
      classifier((s) => s.classes.push('vision')),
      { path: 'spec.classes[vision]', bump: 'minor', words: /class "vision" added/ },
    );
    assertOnlyChange(
      classifier((s) => (s.classes = s.classes.filter((c: string) => c !== 'ub04'))),
      {
        path: 'spec.classes[ub04]',
        bump: 'major',
        words: /class "ub04" removed/,
      },
    );
  });

  it('the processor endpoint and base model are patches', () => {
    const diff = classifier((s) => {
      s.endpoint = 'classify_executor://document/classify/v2';
      s.base_model = 'qwen_v3_vl';
    });
    assert.deepEqual(
      diff.changes.map((change) => [change.path, change.bump]),
      [
        ['spec.endpoint', 'patch'],
        ['spec.base_model', 'patch'],
      ],
    );
    assert.equal(diff.bump, 'patch');
  });
});
