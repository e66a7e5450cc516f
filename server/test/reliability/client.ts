// The shared LSP test client with patient defaults: on a loaded 2-core CI machine the server's
// start and its warm-up (tables, search index, lazily read tables) can exceed the helper's 10 s
// timeouts. A request that hangs still fails the test — after 60 s.
import { LspClient } from '../helpers/lspClient';

export function startServer(args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = process.env): LspClient {
  const client = new LspClient(args, env);
  const request = client.request.bind(client);
  const waitFor = client.waitFor.bind(client);
  client.request = ((method: string, params: unknown, timeoutMs = 60_000) => request(method, params, timeoutMs)) as LspClient['request'];
  client.waitFor = (method, match, timeoutMs = 60_000, since) => waitFor(method, match, Math.max(timeoutMs, 60_000), since);
  return client;
}
