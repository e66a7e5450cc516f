// ChartCoder's own part of the protocol, in one place for both ends: the VS Code client
// (client/src) and the server (server/src/lsp) import these types, so a method name is written
// once and a payload has one type. Everything else is standard LSP.
//
// This module is shared with the client bundle: it imports only the protocol's message types and
// type-only service data (erased at build), never the server or vscode-languageserver itself.
import { NotificationType, RequestType, type ExecuteCommandParams } from 'vscode-languageserver-protocol';
import type { SearchNotice, StatusData } from '../service/languageService';
import type { SearchResult } from '../search/engine';
import type { CodeSystem } from '../chart/model';
import type { EncounterSummary } from '../fhir/importer';
import type { ChartSummary } from '../service/features/chartSummary';
import type { ChartStatus } from '../chart/model';

// ── server → client ──────────────────────────────────────────────────────────

/** After each diagnostics run: the release and the MS-DRG of the chart, for the status bar. */
export interface StatusParams extends StatusData {
  uri: string;
}
export const StatusNotification = new NotificationType<StatusParams>('chartcoder/status');

// ── client → server ──────────────────────────────────────────────────────────

/** `initialize`'s initializationOptions. */
export interface InitializationOptions {
  /** The `chartcoder` settings section, for clients that do not answer workspace/configuration. */
  settings?: unknown;
  /**
   * False in a workspace the user has not trusted (VS Code's restricted mode): the server then
   * reads no file path that comes from the workspace (the CPT table named in settings or in a
   * .chartcoder.json). Clients without a notion of trust leave it out: trusted.
   */
  workspaceTrusted?: boolean;
}

/** The user trusted the workspace (VS Code sends it when trust is granted). */
export interface WorkspaceTrustParams {
  trusted: boolean;
}
export const WorkspaceTrustNotification = new NotificationType<WorkspaceTrustParams>('chartcoder/workspaceTrust');

/** Code search (the Search Codes command): the same index as completion and `chartcoder search`. */
export interface SearchCodesParams {
  query: string;
  system?: CodeSystem;
  /** The chart's discharge date (YYYY-MM-DD): only codes valid then. */
  date?: string;
  /** 1–200; default 50. */
  limit?: number;
  /** An open chart: its release is used, and the hits are ranked for its patient (MCE age/sex). */
  uri?: string;
}
/** One search hit (with its CC/MCC badge and, when it fails the patient's MCE age/sex edits, why), or a notice line that is not a code ("no code matches 'xyz'"; system `notice`). */
export type CodeHit = (SearchResult & { badge?: 'CC' | 'MCC'; concern?: string }) | SearchNotice;
export const SearchCodesRequest = new RequestType<SearchCodesParams, CodeHit[], void>('chartcoder/searchCodes');

/** Import FHIR Encounter…, step 1: the encounters of the chosen FHIR files (Bundles, resources, NDJSON). */
export interface FhirEncountersParams {
  /** Absolute paths of the FHIR files. */
  files: string[];
}
/** Bad input is an answer with `error` (shown to the user), not a failed request. */
export type FhirEncountersResult = { encounters: EncounterSummary[] } | { error: string };
export const FhirEncountersRequest = new RequestType<FhirEncountersParams, FhirEncountersResult, void>('chartcoder/fhirEncounters');

/** Import FHIR Encounter…, step 2: the server reads the files and writes one chart per encounter (never replacing a file). */
export interface ImportFhirParams {
  files: string[];
  /** Absolute path of the folder the charts go to (created if needed). */
  outDir: string;
  /** Encounter ids to import; default: every inpatient encounter. */
  encounters?: string[];
}
export type ImportFhirResult = { written: string[]; kept: string[]; summary: string; unresolved: string[] } | { error: string };
export const ImportFhirRequest = new RequestType<ImportFhirParams, ImportFhirResult, void>('chartcoder/importFhir');

/** For the reliability tests: the server's memory and bookkeeping counts. No chart text. */
export interface DebugMemoryParams {
  /** Run a full garbage collection first. */
  gc?: boolean;
}
export interface DebugMemoryResult extends NodeJS.MemoryUsage {
  /** V8's heap spaces: committed (size) and live (used) bytes each — where RSS beyond the live heap goes. */
  heapSpaces: { name: string; size: number; used: number }[];
  openDocuments: number;
  pendingDiagnostics: number;
}
export const DebugMemoryRequest = new RequestType<DebugMemoryParams | null, DebugMemoryResult | null, void>('chartcoder/debugMemory');

// ── commands ─────────────────────────────────────────────────────────────────

/** A command by id, with the types of its arguments and result (for workspace/executeCommand). */
export interface Command<Args extends unknown[], Result> {
  readonly id: string;
  /** Phantom fields: they carry the types and are never set. */
  readonly args?: Args;
  readonly result?: Result;
}

/** Server command: the DRG analysis of an open chart, as markdown. */
export const ShowDrgAnalysisCommand: Command<[uri: string], string> = { id: 'chartcoder.showDrgAnalysis' };

/**
 * "Suppress with a reason". The quick fix names it; the VS Code client registers it, asks the
 * user for the reason and sends it on to the server with the reason; other clients send it to the
 * server directly (no reason: suppression.no-reason then asks for one). The server writes the
 * comment (the one writer, in the chart's own line endings) through workspace/applyEdit.
 */
export const SuppressCommand: Command<[uri: string, line: number, ruleId: string, reason?: string], null> = { id: 'chartcoder.suppress' };

/** Client command: opens the DRG analysis view of a chart (the code lens over the abstract). */
export const OpenDrgAnalysisCommand: Command<[uri?: string], void> = { id: 'chartcoder.openDrgAnalysis' };

/**
 * Server command: replaces the coder's abstract of an open chart with the auditor's lines (one
 * workspace edit, one undo); the audit code lens runs it. Returns false when there is nothing to accept.
 */
export const AcceptAuditorCodingCommand: Command<[uri: string], boolean> = { id: 'chartcoder.acceptAuditorCoding' };

/** workspace/executeCommand params for `command` with its typed arguments. */
export function commandParams<Args extends unknown[], Result>(command: Command<Args, Result>, ...args: Args): ExecuteCommandParams {
  return { command: command.id, arguments: args };
}

// ── the Charts worklist ──────────────────────────────────────────────────────

/** One chart of the worklist: its summary (service/features/chartSummary.ts) under its URI. */
export interface WorklistEntry extends ChartSummary {
  uri: string;
  /** Why the chart is listed without a summary (too large, unreadable); the other fields are then empty. */
  problem?: string;
}

/** client → server: list the charts under these folders and keep the list up to date (WorklistChangedNotification). */
export interface WorklistParams {
  /** `file:` URIs of the workspace folders; a new request with other folders replaces the list. */
  folders: string[];
  /** Read the folders again from scratch (Refresh); otherwise the same folders keep the list as it is. */
  rescan?: boolean;
}
export interface WorklistState {
  /** The folders are still being read: more charts may come. */
  scanning: boolean;
  /** Charts whose rules have not run yet (their `counts` are absent). */
  uncounted: number;
}
export interface WorklistResult extends WorklistState {
  charts: WorklistEntry[];
}
export const WorklistRequest = new RequestType<WorklistParams, WorklistResult, void>('chartcoder/worklist');

/** server → client, after a WorklistRequest: charts added or changed, charts gone. */
export interface WorklistChangedParams extends WorklistState {
  charts: WorklistEntry[];
  removed: string[];
}
export const WorklistChangedNotification = new NotificationType<WorklistChangedParams>('chartcoder/worklistChanged');

/** Result of SetChartStatusCommand: whether the edit was applied, or why not (shown to the user). */
export type SetChartStatusResult = { applied: boolean } | { error: string };
/**
 * Server command: writes `status` (and `coded:` when a date is given) into the chart's header
 * through workspace/applyEdit. Run only when the user asks (Set status, Mark coded). A chart that
 * is not open is read from disk (a worklist chart).
 */
export const SetChartStatusCommand: Command<[uri: string, status: ChartStatus, coded?: string], SetChartStatusResult> = { id: 'chartcoder.setChartStatus' };
/**
 * Client command: after "Add to abstract" put a diagnosis line in without a POA, ask for it — a
 * snippet choice of `choices` (likeliest first) inserted after `padding` at line/character. The
 * VS Code client registers it; other clients send it to the server, which leaves the line as it is
 * (poa.missing then offers the values as quick fixes).
 */
export const ChoosePoaCommand: Command<[uri: string, line: number, character: number, padding: string, choices: string[]], null> = {
  id: 'chartcoder.choosePoa',
};
