import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocSectionLines } from '../../../core/validation/ruleDocSections';
import { ruleCodes } from '../../../core/validation/ruleCodes';

const rulesDoc = readFileSync(join(__dirname, '../../../docs/rules.md'), 'utf8');

describe('docs/rules.md', () => {
  it('has exactly one section per diagnostic code (plus the editor-only forge-config), each stating its severity', () => {
    const sections = ruleDocSectionLines(rulesDoc);
    assert.deepEqual([...sections.keys()].sort(), [...Object.keys(ruleCodes), 'forge-config'].sort());
    const headings = rulesDoc.split('\n').filter((line) => line.startsWith('### '));
    assert.equal(headings.length, sections.size, 'a heading repeats a code');
    const lines = rulesDoc.split('\n');
    for (const [code, { severity }] of Object.entries(ruleCodes)) {
      const line = sections.get(code) as number;
      assert.equal(lines[line], `### \`${code}\``);
      assert.match(lines[line + 1] ?? '', new RegExp(`^\\*\\*${severity === 'error' ? 'Error' : 'Warning'}\\.\\*\\*`), code);
    }
  });

  it('finds headings on any line ending', () => {
    assert.deepEqual(
      [...ruleDocSectionLines('# Rules\r\n\r\n### `cycle`\r\ntext\n### `no-root`\n').entries()],
      [
        ['cycle', 2],
        ['no-root', 4],
      ],
    );
  });
});
