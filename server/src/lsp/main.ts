// The server's entry point (bundled as dist/server.js): a connection over the transport the
// command line names (--stdio, --node-ipc, --socket=…), the machine's tables, and startServer.
// Everything else is in server.ts and the modules it wires; see docs/architecture.md.
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { startServer } from './server';
import { nodeServerDeps } from './nodeDeps';
import { FramingError, StrictStreamMessageReader } from './framing';

const startedAt = Date.now();
const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
startServer(connection, nodeServerDeps(startedAt));

process.on('uncaughtException', (e) => connection.console.error(`[chartcoder] uncaught: ${e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`[chartcoder] unhandled rejection: ${(e as Error)?.message ?? e}`));

/**
 * stdio with the strict reader (framing.ts): a malformed frame is one line on stderr and exit
 * code 1, so the editor restarts the server; the end of input exits 0 after `shutdown`, else 1.
 */
function stdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout);
  const reader = new StrictStreamMessageReader(process.stdin, writer);
  reader.onError((e) => {
    if (!(e instanceof FramingError)) return;
    process.stderr.write(`[chartcoder] malformed message from the client (${e.message}); closing the connection, exit 1\n`);
    process.exit(1);
  });
  reader.onClose(() => process.exit(reader.shutdownReceived ? 0 : 1));
  // Nothing may write to stdout but the protocol: console output goes to stderr.
  for (const name of ['log', 'info', 'debug', 'warn', 'error'] as const)
    console[name] = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  return createConnection(ProposedFeatures.all, reader, writer);
}
