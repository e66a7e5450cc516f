// The language server started in this process on an in-memory connection (two PassThrough streams),
// exactly as main.ts starts it on stdio: startServer(connection, deps). Tests reach its session
// (settings, scheduler, service) directly, inject their own deps (tables, file system), and run
// several servers side by side. No `exit` is ever sent: for vscode-languageserver that ends the process.
import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer, type ServerDeps, type Session } from '../../src/lsp/server';
import { nodeServerDeps } from '../../src/lsp/nodeDeps';
import { RpcTestClient } from './lspClient';

export interface InProcessServer {
  client: RpcTestClient;
  session: Session;
  /** Stops the server's timers, lets the messages it has queued go out, and ends the connection (await it in `finally`). */
  dispose(): Promise<void>;
}

export function startInProcessServer(deps: Partial<ServerDeps> = {}): InProcessServer {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  // Message readers/writers rather than raw streams: on a raw stream's end the library exits the process.
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(fromServer));
  const session = startServer(connection, { ...nodeServerDeps(), ...deps });
  const client = new RpcTestClient(toServer, fromServer);
  client.processId = null;
  return {
    client,
    session,
    async dispose() {
      session.dispose();
      await new Promise((resolve) => setTimeout(resolve, 20));
      connection.dispose();
      toServer.end();
      fromServer.end();
    },
  };
}
