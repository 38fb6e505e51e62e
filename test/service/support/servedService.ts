import { ForgeClient } from '../../../client/forgeClient';
import { listen } from './listen';
import { readAnswer, testRequest, type TestService } from './testService';

/** An answer read over HTTP: status, headers, the body parsed as JSON (null when it is not JSON) and as text. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** A test service answering on a real local port, reached through the typed client as the CLI and the extension reach it. */
export interface ServedService {
  url: string;
  clientFor(token: string): ForgeClient;
  /**
   * Sends a request over the port as `token` (default: the admin; null: none). `body` goes as JSON unless it is a
   * string; `headers` are added last, so they may replace the content type.
   */
  call(method: string, path: string, body?: unknown, token?: string | null, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** Closes the port, then the service. */
  close(): Promise<void>;
}

export async function serveOnPort(service: TestService): Promise<ServedService> {
  const server = await listen(service.app.fetch);
  return {
    url: server.url,
    clientFor: (token) => new ForgeClient({ baseUrl: server.url, token }),
    call: async (method, path, body, token = service.adminToken, headers = {}) =>
      readAnswer(await fetch(`${server.url}${path}`, testRequest(method, body, token, headers))),
    async close() {
      await server.close();
      await service.close();
    },
  };
}
