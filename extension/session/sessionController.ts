import * as vscode from 'vscode';
import { ForgeApiError } from '../../client/forgeApiError';
import { onDidChangeForgeSettings, serverUrl } from '../configuration';
import type { ForgeLog } from '../logging';
import type { EmbeddedService } from './embeddedService';
import type { ForgeConnection, ForgeSession } from './forgeSession';
import { normalizeServerUrl, type TokenStore } from './tokenStore';

/**
 * What "Forge: Sign In" may be given instead of asking (scripts and tests). An empty server means the embedded
 * service: as its admin, or with `token` as another of its users.
 */
export interface SignInRequest {
  serverUrl: string;
  token?: string;
}

const signedInServerKey = 'forge.signedInServer';

/**
 * Decides which service the session talks to: the server the user signed in to (its token in SecretStorage),
 * else `forge.serverUrl` when a token for it is stored, else — with the setting empty — the embedded service.
 * Owns sign-in and sign-out; follows changes of `forge.serverUrl`.
 */
export class SessionController implements vscode.Disposable {
  private readonly settingsListener: vscode.Disposable;
  /** Restores run one after another, so a settings change during a start-up ends in the state it asks for. */
  private restoring: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: ForgeSession,
    private readonly tokens: TokenStore,
    private readonly embedded: EmbeddedService,
    private readonly state: vscode.Memento,
    private readonly log: ForgeLog,
  ) {
    this.settingsListener = onDidChangeForgeSettings((event) => {
      // A server chosen in the settings replaces the one signed in to from the command.
      if (!event.affectsConfiguration('forge.serverUrl')) return;
      Promise.resolve(this.state.update(signedInServerKey, undefined))
        .then(() => this.restore())
        .catch((error: unknown) => this.log.reportFailure('Following the forge.serverUrl setting failed', error));
    });
  }

  /**
   * Connects as at the last start; a server that cannot be reached shows the "unreachable" welcome. `quiet`
   * (retries) keeps a failing embedded service to the log instead of a notification each time.
   */
  restore({ quiet = false } = {}): Promise<ForgeConnection | undefined> {
    const next = this.restoring.then(() => this.restoreNow(quiet));
    this.restoring = next.catch(() => undefined);
    return next;
  }

  private async restoreNow(quiet: boolean): Promise<ForgeConnection | undefined> {
    const remembered = this.state.get<string>(signedInServerKey);
    const configured = normalizeServerUrl(serverUrl());
    if (!remembered && configured === '') return this.connectEmbedded(quiet, await this.tokens.embeddedUserToken(), true);
    const target = remembered ?? configured;
    this.embedded.stop();
    const token = await this.tokens.tokenFor(target);
    if (!token) {
      this.log.info(`no token stored for ${target}: signed out`);
      await this.session.disconnect('signedOut');
      return undefined;
    }
    return this.connectTo(target, token);
  }

  /** Signs in to a server with a token (verified with GET /api/me), storing the token only after it works. */
  async signIn(request: SignInRequest): Promise<ForgeConnection> {
    const target = normalizeServerUrl(request.serverUrl);
    if (target === '') {
      await this.state.update(signedInServerKey, undefined);
      const userToken = request.token?.trim() || undefined;
      const connection = await this.connectEmbedded(false, userToken);
      if (!connection)
        throw new Error(userToken ? 'the token was refused by the embedded service; see the log' : 'the embedded service could not be started; see the log');
      if (userToken) await this.tokens.storeEmbeddedUserToken(userToken);
      else await this.tokens.forgetEmbeddedUserToken();
      return connection;
    }
    if (!/^https?:\/\/[^\s/]+/.test(target)) throw new Error(`"${target}" is not an http(s) URL`);
    const token = request.token ?? (await this.tokens.tokenFor(target));
    if (!token) throw new Error(`no token for ${target}`);
    this.embedded.stop();
    await this.session.connecting();
    try {
      const connection = await this.session.connect(target, token);
      await this.tokens.storeToken(target, token);
      await this.state.update(signedInServerKey, target);
      this.log.info(`signed in to ${target} as ${connection.me.name} (${connection.me.role})`);
      return connection;
    } catch (error) {
      await this.session.disconnect(isUnreachable(error) ? 'unreachable' : 'signedOut');
      throw error;
    }
  }

  /**
   * Forgets the token of the current server and disconnects. The embedded service keeps running (a release it
   * deploys finishes, and the next user signs in at once); it stops with the window or when a server is chosen.
   */
  async signOut(): Promise<void> {
    const connection = this.session.connection;
    if (connection && !connection.embedded) await this.tokens.forgetToken(connection.serverUrl);
    if (connection?.embedded) await this.tokens.forgetEmbeddedUserToken();
    await this.state.update(signedInServerKey, undefined);
    await this.session.disconnect('signedOut');
    this.log.info(connection ? `signed out of ${connection.serverUrl}` : 'signed out');
  }

  dispose(): void {
    this.settingsListener.dispose();
  }

  private async connectTo(target: string, token: string): Promise<ForgeConnection | undefined> {
    await this.session.connecting();
    try {
      const connection = await this.session.connect(target, token);
      this.log.info(`connected to ${target} as ${connection.me.name} (${connection.me.role})`);
      return connection;
    } catch (error) {
      const unreachable = isUnreachable(error);
      this.log.error(`connecting to ${target} failed`, error);
      await this.session.disconnect(unreachable ? 'unreachable' : 'signedOut');
      return undefined;
    }
  }

  /**
   * Starts (or reuses) the embedded service and signs in as its admin, or as the user of `userToken`. When a
   * remembered user token is refused (revoked), `fallBackToAdmin` signs in as the admin instead.
   */
  private async connectEmbedded(quiet: boolean, userToken?: string, fallBackToAdmin = false): Promise<ForgeConnection | undefined> {
    await this.session.connecting();
    try {
      const endpoint = await this.embedded.start();
      const connection = await this.session.connect(endpoint.url, userToken ?? endpoint.token, { embedded: true });
      this.log.info(`connected to the embedded service as ${connection.me.name} (${connection.me.role})`);
      return connection;
    } catch (error) {
      if (userToken && !isUnreachable(error)) {
        this.log.warn(`the embedded service refused the user token (${error instanceof Error ? error.message : String(error)})`);
        await this.tokens.forgetEmbeddedUserToken();
        if (fallBackToAdmin) return this.connectEmbedded(quiet);
        await this.session.disconnect('signedOut');
        return undefined;
      }
      this.embedded.stop();
      if (quiet) this.log.error('Starting the embedded Forge service failed', error);
      else void this.log.reportFailure('Starting the embedded Forge service failed', error);
      await this.session.disconnect('unreachable');
      return undefined;
    }
  }
}

function isUnreachable(error: unknown): boolean {
  return error instanceof ForgeApiError ? error.code === 'unreachable' : true;
}
