import { assertOnlyChange, diffAfterChanging, type Json } from './exampleSnapshot';

// fraud-analyst: input_schema claim_id + claim (required), output_schema risk_score + reasons, tools policy_lookup + claims_history.
const analyst = (mutate: (spec: Json) => void) => diffAfterChanging('fraud-analyst', (c) => mutate(c.spec));

describe('diffSnapshots: agents', () => {
  it('an input_schema property made required is major', () => {
    assertOnlyChange(
      analyst((s) => {
        s.input_schema.properties.policy_id = { type: 'string' };
        s.input_schema.required.push('policy_id');
      }),
      { path: 'spec.input_schema.properties.policy_id', bump: 'major', words: /required input property "policy_id" added/ },
    );
  });

  it('an optional input_schema property added is minor', () => {
    assertOnlyChange(
      analyst((s) => (s.input_schema.properties.locale = { type: 'string' })),
      {
        path: 'spec.input_schema.properties.locale',
        bump: 'minor',
        words: /optional input property "locale" added/,
      },
    );
  });

  it('an output_schema property removed is major', () => {
    assertOnlyChange(
      analyst((s) => delete s.output_schema.properties.reasons),
      {
        path: 'spec.output_schema.properties.reasons',
        bump: 'major',
        words: /output property "reasons" removed/,
      },
    );
  });

  it('an output_schema type changed is major', () => {
    assertOnlyChange(
      analyst((s) => (s.output_schema.properties.reasons.items.type = 'object')),
      {
        path: 'spec.output_schema.properties.reasons.items.type',
        bump: 'major',
        words: /type changed from "string" to "object"/,
      },
    );
  });

  it('a tool removed is major', () => {
    assertOnlyChange(
      analyst((s) => (s.tools = s.tools.filter((t: Json) => t.name !== 'claims_history'))),
      {
        path: 'spec.tools[claims_history]',
        bump: 'major',
        words: /tool "claims_history" removed/,
      },
    );
  });

  it('a tool added is minor', () => {
    assertOnlyChange(
      analyst((s) => s.tools.push({ name: 'provider_registry' })),
      {
        path: 'spec.tools[provider_registry]',
        bump: 'minor',
        words: /tool "provider_registry" added/,
      },
    );
  });

  it('a tool config changed is a patch', () => {
    assertOnlyChange(
      analyst((s) => (s.tools[1].config.max_results = 50)),
      {
        path: 'spec.tools[claims_history].config.max_results',
        bump: 'patch',
        words: /max_results changed from 25 to 50/,
      },
    );
  });

  it('the system prompt changed is minor', () => {
    assertOnlyChange(
      analyst((s) => (s.system_prompt += ' Answer in JSON.')),
      {
        path: 'spec.system_prompt',
        bump: 'minor',
        words: /system_prompt changed/,
      },
    );
  });

  it('model settings and limits are patches', () => {
    assertOnlyChange(
      analyst((s) => (s.model.temperature = 0)),
      { path: 'spec.model.temperature', bump: 'patch', words: /temperature changed from 0.1 to 0/ },
    );
    assertOnlyChange(
      analyst((s) => (s.limits.timeout_seconds = 300)),
      { path: 'spec.limits.timeout_seconds', bump: 'patch', words: /timeout_seconds changed from 120 to 300/ },
    );
  });
});
