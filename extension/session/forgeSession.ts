import * as vscode from 'vscode';
import type { Me } from '../../core/api/user';
import { ForgeClient } from '../../client/forgeClient';
import { setConnectionState, setRoleContext, type ConnectionState } from '../connectionState';

/** A verified connection to a release service: who is signed in, where, and the client to call it with. */
export interface ForgeConnection {
  readonly serverUrl: string;
  readonly client: ForgeClient;
  /** `GET /api/me` at sign-in: the user and role menus and panels are derived from. */
  readonly me: Me;
  /** Whether the service is the embedded one this extension started itself. */
  readonly embedded: boolean;
}

/** Raised by commands that need a connection when nobody is signed in. */
class NotSignedInError extends Error {
  constructor() {
    super('not signed in to a Forge Releases server: run "Forge: Sign In"');
    this.name = 'NotSignedInError';
  }
}

/**
 * The current connection to the release service and its changes. Every face of the extension (trees,
 * commands, panels) reads the client from here and listens to `onDidChange`; only the sign-in flow calls
 * `connect` and `disconnect`. The token itself stays inside the client: it is never exposed from here.
 */
export class ForgeSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ForgeConnection | undefined>();
  private current: ForgeConnection | undefined;
  private state: ConnectionState = 'signedOut';

  /** Fires after every sign-in, sign-out and loss of the server, with the new connection (or none). */
  readonly onDidChange: vscode.Event<ForgeConnection | undefined> = this.changed.event;

  /** The connection, if signed in. */
  get connection(): ForgeConnection | undefined {
    return this.current;
  }

  /** Where the extension stands: signed out, connecting, unreachable or connected. */
  get connectionState(): ConnectionState {
    return this.state;
  }

  /** The connection, or a NotSignedInError for commands to report. */
  require(): ForgeConnection {
    if (!this.current) throw new NotSignedInError();
    return this.current;
  }

  /** Shows "connecting" while a service is being started or reached. */
  async connecting(): Promise<void> {
    await this.setState('connecting');
  }

  /** Verifies the token with `GET /api/me`, then makes it the session; a refusal leaves the session as it was. */
  async connect(serverUrl: string, token: string, { embedded = false } = {}): Promise<ForgeConnection> {
    const client = new ForgeClient({ baseUrl: serverUrl, token });
    const me = await client.me();
    this.current = { serverUrl: serverUrl.replace(/\/+$/, ''), client, me, embedded };
    await setRoleContext(me.role);
    await this.setState('connected');
    this.changed.fire(this.current);
    return this.current;
  }

  /** Drops the connection; `unreachable` keeps the welcome content pointing at the logs and settings. */
  async disconnect(state: Exclude<ConnectionState, 'connected' | 'connecting'> = 'signedOut'): Promise<void> {
    const had = this.current !== undefined;
    this.current = undefined;
    await setRoleContext(undefined);
    await this.setState(state);
    if (had) this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async setState(state: ConnectionState): Promise<void> {
    this.state = state;
    await setConnectionState(state);
  }
}
