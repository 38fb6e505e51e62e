import { ForgeClient } from '../../../client/forgeClient';
import { listen } from './listen';
import type { TestService } from './testService';

/** A test service answering on a real local port, reached through the typed client as the CLI and the extension reach it. */
export interface ServedService {
  url: string;
  clientFor(token: string): ForgeClient;
  /** Closes the port, then the service. */
  close(): Promise<void>;
}

export async function serveOnPort(service: TestService): Promise<ServedService> {
  const server = await listen(service.app.fetch);
  return {
    url: server.url,
    clientFor: (token) => new ForgeClient({ baseUrl: server.url, token }),
    async close() {
      await server.close();
      await service.close();
    },
  };
}
