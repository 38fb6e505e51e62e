// Writes the extension's manifest keys (contributes, activationEvents, icon, galleryBanner) into package.json,
// leaving every other key as it is. Run under the shared lock: flock /tmp/forge-npm.lock node scripts/writeExtensionManifest.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const artifactGlobs = { workflow: 'workflows/*.json', agent: 'agents/*.json', processor: 'processors/*.json' };
const openServerSetting = 'command:workbench.action.openSettings?%5B%22forge.serverUrl%22%5D';

const commands = [
  { command: 'forge.validateWorkspace', title: 'Validate Workspace', category: 'Forge', icon: '$(check-all)' },
  { command: 'forge.showLogs', title: 'Show Logs', category: 'Forge', icon: '$(output)' },
];

const contributes = {
  viewsContainers: {
    activitybar: [{ id: 'forge', title: 'Forge Releases', icon: 'extension/media/forge.svg' }],
  },
  views: {
    forge: [
      { id: 'forge.environments', name: 'Environments', icon: 'extension/media/forge.svg', contextualTitle: 'Forge Releases' },
      { id: 'forge.approvals', name: 'Approvals', icon: 'extension/media/forge.svg', contextualTitle: 'Forge Releases' },
    ],
  },
  viewsWelcome: [
    {
      view: 'forge.environments',
      when: 'forge.connection == signedOut',
      contents: `Sign in to a Forge Releases server to see its environments and releases. With the forge.serverUrl setting left empty, the extension runs a local service on this machine.\n[Open Server Settings](${openServerSetting})\nWorkflow files are checked as you type; to check every artifact of the workspace at once:\n[Validate Workspace](command:forge.validateWorkspace)`,
    },
    {
      view: 'forge.environments',
      when: 'forge.connection == unreachable',
      contents: `The Forge Releases server cannot be reached. Check that it is running and that the forge.serverUrl setting is right.\n[Show Logs](command:forge.showLogs)\n[Open Server Settings](${openServerSetting})`,
    },
    {
      view: 'forge.environments',
      when: 'forge.connection == connecting',
      contents: 'Connecting to the Forge Releases service…',
    },
    {
      view: 'forge.approvals',
      when: 'forge.connection == signedOut',
      contents: 'Sign in to see the releases waiting for your approval.',
    },
    {
      view: 'forge.approvals',
      when: 'forge.connection == unreachable',
      contents: `The Forge Releases server cannot be reached.\n[Show Logs](command:forge.showLogs)`,
    },
  ],
  commands,
  configuration: {
    title: 'Forge Releases',
    properties: {
      'forge.serverUrl': {
        type: 'string',
        default: '',
        scope: 'machine-overridable',
        markdownDescription:
          'URL of the Forge Releases service, e.g. `https://forge.example.com`. Leave empty to run the embedded local service (data in the extension\'s storage).',
      },
      'forge.artifactGlobs': {
        type: 'object',
        default: {},
        scope: 'resource',
        markdownDescription:
          'Where artifacts live, per kind, relative to the workspace folder. A kind left out follows `forge.json`, else the defaults (`workflows/*.json`, `agents/*.json`, `processors/*.json`).',
        properties: Object.fromEntries(
          Object.entries(artifactGlobs).map(([kind, glob]) => [
            kind,
            { type: 'array', items: { type: 'string' }, markdownDescription: `Globs of ${kind} files, e.g. \`${glob}\`.` },
          ]),
        ),
        additionalProperties: false,
      },
      'forge.validation.enabled': {
        type: 'boolean',
        default: true,
        scope: 'resource',
        description: 'Validate workflow, agent and processor files as you edit them and show the problems inline.',
      },
      'forge.validation.debounceMs': {
        type: 'number',
        default: 250,
        minimum: 0,
        maximum: 5000,
        scope: 'resource',
        description: 'Milliseconds of typing pause before an edited artifact is validated again.',
      },
    },
  },
  // Artifacts accept comments (DAG.md §1), so they open as JSON with Comments.
  languages: [{ id: 'jsonc', filenamePatterns: Object.values(artifactGlobs).map((glob) => `**/${glob}`) }],
  jsonValidation: Object.entries(artifactGlobs).map(([kind, glob]) => ({ fileMatch: `**/${glob}`, url: `./dist/schemas/${kind}.schema.json` })),
  menus: {
    commandPalette: commands.map(({ command }) => ({ command })),
  },
};

const activationEvents = [
  'workspaceContains:forge.json',
  ...Object.values(artifactGlobs).map((glob) => `workspaceContains:${glob}`),
  'onView:forge.environments',
  'onView:forge.approvals',
  ...commands.map(({ command }) => `onCommand:${command}`),
];

const managed = {
  activationEvents,
  contributes,
  icon: 'extension/media/icon.png',
  galleryBanner: { color: '#1f2933', theme: 'dark' },
};

const path = new URL('../package.json', import.meta.url);
const manifest = JSON.parse(readFileSync(path, 'utf8'));
// Keys already present keep their place; new ones go after "categories", where readers of a manifest look.
const result = {};
for (const [key, value] of Object.entries(manifest)) {
  result[key] = key in managed ? managed[key] : value;
  if (key === 'categories') for (const [newKey, newValue] of Object.entries(managed)) if (!(newKey in manifest)) result[newKey] = newValue;
}
for (const [key, value] of Object.entries(managed)) result[key] ??= value;
writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
console.log(`package.json: wrote ${Object.keys(managed).join(', ')}`);
