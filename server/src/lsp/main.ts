// The server's entry point (bundled as dist/server.js): a connection over the transport the
// command line names (--stdio, --node-ipc, --socket=…), the machine's tables, and startServer.
// Everything else is in server.ts and the modules it wires; see docs/architecture.md.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { nodeServerDeps } from './nodeDeps';

const startedAt = Date.now();
const connection = createConnection(ProposedFeatures.all);
startServer(connection, nodeServerDeps(startedAt));

process.on('uncaughtException', (e) => connection.console.error(`[chartcoder] uncaught: ${e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`[chartcoder] unhandled rejection: ${(e as Error)?.message ?? e}`));
