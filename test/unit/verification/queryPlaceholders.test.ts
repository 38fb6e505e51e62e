import { strict as assert } from 'node:assert';
import { renderQuery, unknownPlaceholders, UnrenderableQueryError } from '../../../core/verification/queryPlaceholders';

const context = { environment: 'production', version: 'v1.4.0', workflows: ['claims-intake', 'claims-fraud-review'] };

describe('verification query placeholders', () => {
  it('replaces {{environment}} and {{version}}, with or without spaces inside the braces', () => {
    assert.equal(renderQuery('up{environment="{{environment}}", version="{{ version }}"}', context), 'up{environment="production", version="v1.4.0"}');
  });

  it('makes {{workflow}} one regular expression alternation of every workflow of the version, for =~', () => {
    assert.equal(renderQuery('marie_jobs_total{planner=~"{{workflow}}"}', context), 'marie_jobs_total{planner=~"claims-intake|claims-fraud-review"}');
    assert.equal(renderQuery('x{planner=~"{{workflow}}"}', { ...context, workflows: ['intake'] }), 'x{planner=~"intake"}');
  });

  it('escapes what it inserts for a double-quoted PromQL string and, for workflows, for the regular expression', () => {
    const odd = { environment: 'a"b', version: 'v1\\2', workflows: ['a.b', 'c+d'] };
    assert.equal(renderQuery('x{e="{{environment}}", v="{{version}}", w=~"{{workflow}}"}', odd), 'x{e="a\\"b", v="v1\\\\2", w=~"a\\\\.b|c\\\\+d"}');
  });

  it('refuses to render {{workflow}} for a version without workflows instead of matching everything', () => {
    assert.throws(() => renderQuery('x{planner=~"{{workflow}}"}', { ...context, workflows: [] }), UnrenderableQueryError);
    assert.equal(renderQuery('x{e="{{environment}}"}', { ...context, workflows: [] }), 'x{e="production"}');
  });

  it('names the placeholders it does not know, once each, and leaves PromQL braces alone', () => {
    assert.deepEqual(unknownPlaceholders('x{a="{{planner}}", b="{{planner}}", c="{{ tenant }}"} + y{{{environment}}}'), ['planner', 'tenant']);
    assert.deepEqual(unknownPlaceholders('sum by (le) (rate(x_bucket{job="a"}[5m]))'), []);
  });
});
