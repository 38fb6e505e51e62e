import type * as vscode from 'vscode';

const serverTokenPrefix = 'forge.token:';
const embeddedTokenKey = 'forge.embeddedServiceToken';
const embeddedUserTokenKey = 'forge.embeddedUserToken';

/**
 * API tokens in the editor's SecretStorage (the OS keychain where there is one), one per server URL, plus the
 * embedded service's admin token. Nothing here ever reaches settings or logs.
 */
export class TokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  tokenFor(serverUrl: string): Thenable<string | undefined> {
    return this.secrets.get(serverTokenPrefix + normalizeServerUrl(serverUrl));
  }

  storeToken(serverUrl: string, token: string): Thenable<void> {
    return this.secrets.store(serverTokenPrefix + normalizeServerUrl(serverUrl), token);
  }

  forgetToken(serverUrl: string): Thenable<void> {
    return this.secrets.delete(serverTokenPrefix + normalizeServerUrl(serverUrl));
  }

  embeddedToken(): Thenable<string | undefined> {
    return this.secrets.get(embeddedTokenKey);
  }

  storeEmbeddedToken(token: string): Thenable<void> {
    return this.secrets.store(embeddedTokenKey, token);
  }

  /** The token of another user of the embedded service this window signed in as (a teammate reviewing on this machine). */
  embeddedUserToken(): Thenable<string | undefined> {
    return this.secrets.get(embeddedUserTokenKey);
  }

  storeEmbeddedUserToken(token: string): Thenable<void> {
    return this.secrets.store(embeddedUserTokenKey, token);
  }

  forgetEmbeddedUserToken(): Thenable<void> {
    return this.secrets.delete(embeddedUserTokenKey);
  }
}

/** One spelling per server, so `http://host:3500/` and `http://host:3500` share a token. */
export function normalizeServerUrl(serverUrl: string): string {
  return serverUrl.trim().replace(/\/+$/, '');
}
