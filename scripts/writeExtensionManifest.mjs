// Writes the extension's manifest keys (contributes, activationEvents, icon, galleryBanner) into package.json,
// leaving every other key as it is. Run under the shared lock: flock /tmp/forge-npm.lock node scripts/writeExtensionManifest.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const artifactGlobs = { workflow: 'workflows/*.json', agent: 'agents/*.json', processor: 'processors/*.json' };
const openServerSetting = 'command:workbench.action.openSettings?%5B%22forge.serverUrl%22%5D';

const connected = 'forge.connection == connected';
const mayVersion = `${connected} && forge.role =~ /^(maintainer|admin)$/`;
// Creating a version runs git in the workspace: only in a trusted one.
const mayCreateVersion = `${mayVersion} && isWorkspaceTrusted`;
const isAdmin = `${connected} && forge.role == admin`;
// Anchored on the node kind, then a whole capability flag (contextValue like forge:environment+canDeploy+canRollback).
const onEnvironment = (flag) => `view == forge.environments && viewItem =~ /^forge:environment(\\+\\w+)*\\+${flag}(\\+|$)/`;
const onRelease = (flag) => `view == forge.environments && viewItem =~ /^forge:release:succeeded(\\+\\w+)*\\+${flag}(\\+|$)/`;
// An environment with gateways the user may deploy to (and, for the inline icon, whose gateways drifted).
const mayReconcile = (also = '') => `${onEnvironment('canDeploy')} && viewItem =~ /\\+hasGateways(\\+|$)/${also}`;
const onApproval = (flag) => `viewItem =~ /^forge:approval(\\+\\w+)*\\+${flag}(\\+|$)/`;
const onTeam = (kind) => `view == forge.team && viewItem =~ /^forge:team-${kind}(\\+|$)/`;

// Every command, with where the palette offers it: a when-clause, true (always) or false (tree-only).
const commandSpecs = [
  { command: 'forge.signIn', title: 'Sign In', icon: '$(sign-in)', palette: 'forge.connection != connected' },
  { command: 'forge.signOut', title: 'Sign Out', icon: '$(sign-out)', palette: connected },
  { command: 'forge.createVersion', title: 'Create Version', icon: '$(tag)', palette: mayCreateVersion },
  { command: 'forge.deploy', title: 'Deploy', icon: '$(rocket)', palette: connected },
  { command: 'forge.promote', title: 'Promote', icon: '$(arrow-circle-up)', palette: connected },
  { command: 'forge.rollback', title: 'Rollback', icon: '$(history)', palette: connected },
  { command: 'forge.rollbackToRelease', title: 'Roll Back to This Version', icon: '$(history)', palette: false },
  { command: 'forge.reconcile', title: 'Reconcile', icon: '$(sync)', palette: connected },
  { command: 'forge.approve', title: 'Approve', icon: '$(check)', palette: connected },
  { command: 'forge.reject', title: 'Reject', icon: '$(close)', palette: connected },
  { command: 'forge.openRelease', title: 'Open Release Details', icon: '$(preview)', palette: connected },
  { command: 'forge.showPipeline', title: 'Show Release Pipeline', icon: '$(layers)', palette: connected },
  { command: 'forge.reportCheck', title: 'Report Check…', icon: '$(beaker)', palette: connected },
  { command: 'forge.reportEvaluation', title: 'Report Evaluation…', icon: '$(graph)', palette: connected },
  { command: 'forge.showAuditLog', title: 'Show Audit Log', icon: '$(list-flat)', palette: mayVersion },
  { command: 'forge.exportReport', title: 'Export Compliance Report', icon: '$(file-text)', palette: mayVersion },
  { command: 'forge.addUser', title: 'Add User…', icon: '$(person-add)', palette: isAdmin },
  { command: 'forge.changeRole', title: 'Change Role…', icon: '$(account)', palette: false },
  { command: 'forge.createToken', title: 'Create Token…', icon: '$(key)', palette: isAdmin },
  { command: 'forge.revokeToken', title: 'Revoke Token', icon: '$(trash)', palette: false },
  { command: 'forge.addReviewer', title: 'Add Reviewer…', icon: '$(person-add)', palette: isAdmin },
  { command: 'forge.removeReviewer', title: 'Remove Reviewer', icon: '$(remove)', palette: false },
  { command: 'forge.setRequiredApprovals', title: 'Set Required Approvals…', icon: '$(list-ordered)', palette: isAdmin },
  { command: 'forge.getStarted', title: 'Get Started: Take a Version to Production', icon: '$(mortar-board)', palette: true },
  { command: 'forge.refresh', title: 'Refresh', icon: '$(refresh)', palette: connected },
  { command: 'forge.validateWorkspace', title: 'Validate Workspace', icon: '$(check-all)', palette: true },
  { command: 'forge.showLogs', title: 'Show Logs', icon: '$(output)', palette: true },
];
const commands = commandSpecs.map(({ command, title, icon }) => ({ command, title, category: 'Forge', icon }));
const commandPalette = commandSpecs.map(({ command, palette }) => (palette === true ? { command } : { command, when: palette === false ? 'false' : palette }));

const contributes = {
  viewsContainers: {
    activitybar: [{ id: 'forge', title: 'Forge Releases', icon: 'extension/media/forge.svg' }],
  },
  views: {
    forge: [
      { id: 'forge.environments', name: 'Environments', icon: 'extension/media/forge.svg', contextualTitle: 'Forge Releases' },
      { id: 'forge.approvals', name: 'Approvals', icon: 'extension/media/forge.svg', contextualTitle: 'Forge Releases' },
      { id: 'forge.team', name: 'Team', icon: 'extension/media/forge.svg', contextualTitle: 'Forge Releases', when: 'forge.role == admin' },
    ],
  },
  viewsWelcome: [
    {
      view: 'forge.environments',
      when: 'forge.connection == signedOut',
      contents: `Sign in to a Forge Releases server to see its environments and releases. With the forge.serverUrl setting left empty, the extension runs a local service on this machine.\n[Sign In](command:forge.signIn)\n[Open Server Settings](${openServerSetting})\nWorkflow files are checked as you type; to check every artifact of the workspace at once:\n[Validate Workspace](command:forge.validateWorkspace)`,
    },
    {
      view: 'forge.environments',
      when: 'forge.connection == unreachable',
      contents: `The Forge Releases server cannot be reached. Check that it is running and that the forge.serverUrl setting is right.\n[Sign In](command:forge.signIn)\n[Show Logs](command:forge.showLogs)\n[Open Server Settings](${openServerSetting})`,
    },
    {
      view: 'forge.environments',
      when: 'forge.connection == connecting',
      contents: 'Connecting to the Forge Releases service…',
    },
    {
      view: 'forge.approvals',
      when: 'forge.connection == signedOut',
      contents: 'Sign in to see the releases waiting for your approval.\n[Sign In](command:forge.signIn)',
    },
    {
      view: 'forge.approvals',
      when: `${connected} && forge.role == admin`,
      contents:
        'No release is waiting for your decision.\nA production release waits here until two reviewers other than the one who requested it approve it, and it first needs a passed smoke-tests check for its version. Working alone? Add teammates as reviewers: each gets a token to sign in with.\n[Add Reviewer…](command:forge.addReviewer)\n[Report Check…](command:forge.reportCheck)\n[Get Started](command:forge.getStarted)',
    },
    {
      view: 'forge.approvals',
      when: `${connected} && forge.role != admin`,
      contents:
        'No release is waiting for your decision.\nA production release waits here until enough reviewers other than the one who requested it approve it (two by default).\n[Open Release Pipeline](command:forge.showPipeline)\n[Get Started](command:forge.getStarted)',
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
          "URL of the Forge Releases service, e.g. `https://forge.example.com`. Leave empty to run the embedded local service (data in the extension's storage).",
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
  // Completion and hover only: the editor schemas assert nothing, so every problem is reported once, by the
  // validator with its rule code (see artifactEditorJsonSchema); the full schemas sit next to them.
  // Served by extension/validation/editorSchemas.ts, and only in a workspace with a forge.json (an empty schema elsewhere).
  jsonValidation: Object.entries(artifactGlobs).map(([kind, glob]) => ({ fileMatch: `**/${glob}`, url: `forge-schema:/${kind}.editor.schema.json` })),
  // The first run: what a version needs on its way to production, and the commands for each step.
  walkthroughs: [
    {
      id: 'forge.gettingStarted',
      title: 'Take a version to production',
      description: 'From a workflow repository to production with Forge Releases: a version, the environments, reviewers, checks and the audit trail.',
      steps: [
        {
          id: 'validate',
          title: 'Check the workflows',
          description:
            'Workflows, agents and processors are checked as you type; problems show inline with their quick fixes (Ctrl+.).\n[Validate Workspace](command:forge.validateWorkspace)',
          media: { markdown: 'extension/walkthrough/pipeline.md' },
          completionEvents: ['onCommand:forge.validateWorkspace'],
        },
        {
          id: 'version',
          title: 'Create a version',
          description:
            'A version tags the committed HEAD with a semver tag; its bump is inferred from the DAG diff against the previous version.\n[Create Version](command:forge.createVersion)',
          media: { markdown: 'extension/walkthrough/pipeline.md' },
          completionEvents: ['onCommand:forge.createVersion'],
        },
        {
          id: 'promote',
          title: 'Deploy to development, promote to staging',
          description:
            'The Release Pipeline shows every version in every environment and offers the next step: deploy, promote, roll back.\n[Open Release Pipeline](command:forge.showPipeline)',
          media: { markdown: 'extension/walkthrough/pipeline.md' },
          completionEvents: ['onCommand:forge.showPipeline'],
        },
        {
          id: 'production',
          title: 'Prepare production',
          description:
            'Production needs two approvals from reviewers other than the one who requests the release, and a passed smoke-tests check for the version. Working alone? Add two teammates as reviewers; each gets a token to sign in with.\n[Add Reviewer](command:forge.addReviewer)\n[Report Check](command:forge.reportCheck)',
          media: { markdown: 'extension/walkthrough/production.md' },
          completionEvents: ['onCommand:forge.addReviewer', 'onCommand:forge.reportCheck'],
        },
        {
          id: 'approve',
          title: 'Request production, then approve',
          description:
            'Promote to production: the release waits in the Approvals view. Each reviewer signs in (Forge: Sign In — on this machine, leave the server empty and paste their token) and approves in the release details.\n[Open Release Details](command:forge.openRelease)',
          media: { markdown: 'extension/walkthrough/production.md' },
          completionEvents: ['onCommand:forge.approve', 'onCommand:forge.openRelease'],
        },
        {
          id: 'audit',
          title: 'Audit and report',
          description:
            'Every change is in a hash-chained audit log; filter it, export it as CSV, or export a compliance report.\n[Show Audit Log](command:forge.showAuditLog)\n[Export Compliance Report](command:forge.exportReport)',
          media: { markdown: 'extension/walkthrough/audit.md' },
          completionEvents: ['onCommand:forge.showAuditLog', 'onCommand:forge.exportReport'],
        },
      ],
    },
  ],
  menus: {
    commandPalette,
    'view/title': [
      { command: 'forge.deploy', when: `view == forge.environments && ${connected}`, group: 'navigation@1' },
      { command: 'forge.createVersion', when: `view == forge.environments && ${mayCreateVersion}`, group: 'navigation@2' },
      { command: 'forge.showPipeline', when: `view == forge.environments && ${connected}`, group: 'navigation@3' },
      { command: 'forge.refresh', when: `view == forge.environments && ${connected}`, group: 'navigation@9' },
      { command: 'forge.reportCheck', when: `view == forge.environments && ${connected}`, group: '1_release@1' },
      { command: 'forge.reportEvaluation', when: `view == forge.environments && ${connected}`, group: '1_release@2' },
      { command: 'forge.showAuditLog', when: `view == forge.environments && ${mayVersion}`, group: '2_compliance@1' },
      { command: 'forge.exportReport', when: `view == forge.environments && ${mayVersion}`, group: '2_compliance@2' },
      { command: 'forge.getStarted', when: 'view == forge.environments', group: '8_help@1' },
      { command: 'forge.signOut', when: `view == forge.environments && ${connected}`, group: '9_session@1' },
      { command: 'forge.signIn', when: 'view == forge.environments && forge.connection != connected', group: '9_session@1' },
      { command: 'forge.refresh', when: `view == forge.approvals && ${connected}`, group: 'navigation@9' },
      { command: 'forge.addUser', when: `view == forge.team && ${isAdmin}`, group: 'navigation@1' },
      { command: 'forge.refresh', when: `view == forge.team && ${connected}`, group: 'navigation@9' },
    ],
    'view/item/context': [
      { command: 'forge.deploy', when: onEnvironment('canDeploy'), group: 'inline@1' },
      { command: 'forge.rollback', when: onEnvironment('canRollback'), group: 'inline@2' },
      { command: 'forge.deploy', when: onEnvironment('canDeploy'), group: '1_release@1' },
      { command: 'forge.promote', when: onEnvironment('canPromote'), group: '1_release@2' },
      { command: 'forge.rollback', when: onEnvironment('canRollback'), group: '1_release@3' },
      { command: 'forge.reconcile', when: mayReconcile(' && viewItem =~ /\\+outOfSync(\\+|$)/'), group: 'inline@3' },
      { command: 'forge.reconcile', when: mayReconcile(), group: '1_release@4' },
      { command: 'forge.rollbackToRelease', when: onRelease('canRollback'), group: '1_release@1' },
      { command: 'forge.openRelease', when: 'view == forge.environments && viewItem =~ /^forge:release:/', group: '0_open@1' },
      { command: 'forge.openRelease', when: 'viewItem =~ /^forge:approval/', group: 'inline@1' },
      { command: 'forge.approve', when: onApproval('canApprove'), group: 'inline@2' },
      { command: 'forge.reject', when: onApproval('canApprove'), group: 'inline@3' },
      { command: 'forge.openRelease', when: 'viewItem =~ /^forge:approval/', group: '1_approval@1' },
      { command: 'forge.approve', when: onApproval('canApprove'), group: '1_approval@2' },
      { command: 'forge.reject', when: onApproval('canApprove'), group: '1_approval@3' },
      { command: 'forge.addUser', when: onTeam('users'), group: 'inline@1' },
      { command: 'forge.createToken', when: onTeam('user'), group: 'inline@1' },
      { command: 'forge.createToken', when: onTeam('user'), group: '1_access@1' },
      { command: 'forge.changeRole', when: onTeam('user'), group: '1_access@2' },
      { command: 'forge.revokeToken', when: `view == forge.team && viewItem =~ /^forge:team-token(\\+\\w+)*\\+active(\\+|$)/`, group: 'inline@1' },
      { command: 'forge.revokeToken', when: `view == forge.team && viewItem =~ /^forge:team-token(\\+\\w+)*\\+active(\\+|$)/`, group: '1_access@1' },
      { command: 'forge.addReviewer', when: onTeam('policy'), group: 'inline@1' },
      { command: 'forge.setRequiredApprovals', when: onTeam('policy'), group: 'inline@2' },
      { command: 'forge.addReviewer', when: onTeam('policy'), group: '1_access@1' },
      { command: 'forge.setRequiredApprovals', when: onTeam('policy'), group: '1_access@2' },
      { command: 'forge.removeReviewer', when: `view == forge.team && viewItem =~ /^forge:team-reviewer(\\+\\w+)*\\+removable(\\+|$)/`, group: 'inline@1' },
      { command: 'forge.removeReviewer', when: `view == forge.team && viewItem =~ /^forge:team-reviewer(\\+\\w+)*\\+removable(\\+|$)/`, group: '1_access@1' },
    ],
  },
};

const activationEvents = [
  'workspaceContains:forge.json',
  ...Object.values(artifactGlobs).map((glob) => `workspaceContains:${glob}`),
  'onView:forge.environments',
  'onView:forge.approvals',
  'onView:forge.team',
  ...commands.map(({ command }) => `onCommand:${command}`),
  // Panels open at the last session come back after a reload through their serializers.
  'onWebviewPanel:forge.releaseDetails',
  'onWebviewPanel:forge.pipeline',
  'onWebviewPanel:forge.auditLog',
  // The JSON language features ask for the editor schemas of contributes.jsonValidation.
  'onFileSystem:forge-schema',
];

const managed = {
  keywords: ['release', 'deployment', 'approvals', 'rollback', 'audit', 'workflow', 'dag', 'semver', 'marie-ai', 'environments'],
  capabilities: {
    // Reading and checking files is safe anywhere; running git in the workspace (Create Version) is not, and a
    // workspace must not point the extension, and its token, at a server of its choosing.
    untrustedWorkspaces: {
      supported: 'limited',
      description:
        "In a restricted workspace Forge Releases validates and completes workflow files, but Create Version (which runs git in the workspace) is unavailable and the workspace's forge.serverUrl is ignored.",
      restrictedConfigurations: ['forge.serverUrl'],
    },
    // Versions are git tags of a local clone, and the validator reads the repository from disk.
    virtualWorkspaces: {
      supported: false,
      description: 'Forge Releases works on a local clone of the workflow repository: versions are git tags, validation reads it from disk.',
    },
  },
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
