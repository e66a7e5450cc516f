// The Charts view (Explorer → Charts): every .chart of the workspace with its status, discharge
// date, MS-DRG and RW, errors, warnings, CDI opportunities and open queries, as the server
// summarizes them (chartcoder/worklist; no parsing here). Grouped by status, sorted by discharge
// date or relative weight, filtered; a click opens the chart. Commands: Next Chart to Code, Set
// Status…, Mark Coded — the server writes the header through an edit the user asked for.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, State, type LanguageClient } from 'vscode-languageclient/node';
import {
  SetChartStatusCommand,
  WorklistChangedNotification,
  WorklistRequest,
  commandParams,
  type SetChartStatusResult,
  type WorklistEntry,
} from '../../server/src/lsp/protocol';
import { CHART_STATUS_VALUES, type ChartStatus } from '../../server/src/chart/model';
import {
  STATUS_LABELS,
  WorklistStore,
  arrange,
  describe,
  fileName,
  localDate,
  nextToCode,
  tooltip,
  type ChartGroup,
  type SortKey,
  type ViewOptions,
} from './worklist';

export const CHARTS_VIEW = 'chartcoder.charts';

type Node = { kind: 'group'; group: ChartGroup } | { kind: 'chart'; entry: WorklistEntry };

const STATUS_ICONS: Record<ChartStatus | 'none', string> = {
  'to-code': 'circle-large-outline',
  'in-progress': 'edit',
  'query-pending': 'question',
  coded: 'pass',
  audited: 'verified',
  none: 'file',
};

const STATUS_HELP: Record<ChartStatus, string> = {
  'to-code': 'waiting to be coded',
  'in-progress': 'being coded',
  'query-pending': 'waiting for a physician query answer',
  coded: 'coding finished',
  audited: 're-coded by an auditor',
};

class ChartsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  groups: ChartGroup[] = [];

  constructor(
    readonly store: WorklistStore,
    private readonly options: () => ViewOptions,
  ) {}

  refresh(): void {
    this.groups = arrange(this.store.charts.values(), this.options());
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      // Not grouped: the charts themselves at the top level.
      if (this.groups.length === 1 && this.groups[0].key === 'all') return this.groups[0].entries.map((entry) => ({ kind: 'chart', entry }));
      return this.groups.map((group) => ({ kind: 'group', group }));
    }
    return node.kind === 'group' ? node.group.entries.map((entry) => ({ kind: 'chart', entry })) : [];
  }

  /** For reveal(): a chart's parent is its status group (when grouped). */
  getParent(node: Node): Node | undefined {
    if (node.kind === 'group') return undefined;
    const group = this.groups.find((g) => g.key !== 'all' && g.entries.some((e) => e.uri === node.entry.uri));
    return group ? { kind: 'group', group } : undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(`${node.group.label} (${node.group.entries.length})`, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group.key}`;
      item.contextValue = 'chartGroup';
      return item;
    }
    const e = node.entry;
    const item = new vscode.TreeItem(fileName(e.uri), vscode.TreeItemCollapsibleState.None);
    item.id = e.uri;
    item.resourceUri = vscode.Uri.parse(e.uri);
    item.description = describe(e);
    item.tooltip = new vscode.MarkdownString(tooltip(e));
    const errors = e.counts?.errors ?? 0;
    item.iconPath = e.problem
      ? new vscode.ThemeIcon('warning')
      : new vscode.ThemeIcon(STATUS_ICONS[e.status ?? 'none'], errors ? new vscode.ThemeColor('list.errorForeground') : undefined);
    item.contextValue = e.problem ? 'chartUnread' : 'chart';
    item.command = { command: 'vscode.open', title: 'Open Chart', arguments: [vscode.Uri.parse(e.uri)] };
    return item;
  }
}

export function registerChartsView(context: vscode.ExtensionContext, client: LanguageClient): void {
  const store = new WorklistStore();
  const saved = context.workspaceState.get<Partial<ViewOptions>>('chartcoder.charts.options') ?? {};
  const options: ViewOptions = { groupByStatus: saved.groupByStatus ?? true, sortBy: saved.sortBy === 'weight' ? 'weight' : 'discharged', filter: '' };
  const tree = new ChartsTree(store, () => options);
  const view = vscode.window.createTreeView(CHARTS_VIEW, { treeDataProvider: tree, showCollapseAll: true });

  const render = (): void => {
    tree.refresh();
    const shown = tree.groups.reduce((n, g) => n + g.entries.length, 0);
    view.description = `${options.sortBy === 'weight' ? 'by RW' : 'by discharge'}${options.filter ? ` · filter "${options.filter}" (${shown} of ${store.charts.size})` : ''}`;
    const { scanning, uncounted } = store.state;
    view.message = scanning ? `Reading charts… ${store.charts.size} so far` : uncounted ? `Checking ${uncounted} of ${store.charts.size} charts…` : undefined;
    void vscode.commands.executeCommand('setContext', 'chartcoder.charts.filtered', !!options.filter);
  };
  let pending: NodeJS.Timeout | undefined;
  const renderSoon = (): void => {
    pending ??= setTimeout(() => {
      pending = undefined;
      render();
    }, 100);
  };
  const saveOptions = (): void => {
    void context.workspaceState.update('chartcoder.charts.options', { groupByStatus: options.groupByStatus, sortBy: options.sortBy });
    render();
  };

  /** Asks the server for the charts of the workspace folders (again after a restart or a folder change). */
  const subscribe = async (rescan = false): Promise<void> => {
    if (client.state !== State.Running) return;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.toString());
    try {
      store.reset(await client.sendRequest(WorklistRequest, { folders, rescan }));
    } catch (e) {
      void vscode.window.showErrorMessage(`ChartCoder: the chart list could not be read — ${(e as Error).message}`);
    }
    render();
  };

  /** The chart a command is about: the view's item, a URI, or the active editor's chart. */
  const chartOf = (arg: unknown): vscode.Uri | undefined => {
    if (arg && typeof arg === 'object' && (arg as Node).kind === 'chart') return vscode.Uri.parse((arg as { entry: WorklistEntry }).entry.uri);
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'string') return vscode.Uri.parse(arg);
    const selected = view.selection[0];
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'chart') return editor.document.uri;
    return selected?.kind === 'chart' ? vscode.Uri.parse(selected.entry.uri) : undefined;
  };

  /** Writes the status (and the coded date) into the chart's header; a chart that was saved is saved again. */
  const setStatus = async (uri: vscode.Uri, status: ChartStatus, coded?: string): Promise<void> => {
    const doc = await vscode.workspace.openTextDocument(uri);
    const wasDirty = doc.isDirty;
    const args = coded
      ? commandParams(SetChartStatusCommand, doc.uri.toString(), status, coded)
      : commandParams(SetChartStatusCommand, doc.uri.toString(), status);
    const r = (await client.sendRequest(ExecuteCommandRequest.type, args)) as SetChartStatusResult | null;
    if (!r || 'error' in r) return void vscode.window.showErrorMessage(`ChartCoder: ${r ? r.error : 'the server did not answer'}`);
    if (!wasDirty && doc.isDirty) await doc.save();
  };

  context.subscriptions.push(
    view,
    client.onNotification(WorklistChangedNotification, (p) => {
      store.update(p);
      renderSoon();
    }),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) void subscribe();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void subscribe()),
    vscode.commands.registerCommand('chartcoder.charts.refresh', () => subscribe(true)),
    vscode.commands.registerCommand('chartcoder.charts.sortByDischarge', () => {
      options.sortBy = 'discharged' satisfies SortKey;
      saveOptions();
    }),
    vscode.commands.registerCommand('chartcoder.charts.sortByWeight', () => {
      options.sortBy = 'weight' satisfies SortKey;
      saveOptions();
    }),
    vscode.commands.registerCommand('chartcoder.charts.toggleGrouping', () => {
      options.groupByStatus = !options.groupByStatus;
      saveOptions();
    }),
    vscode.commands.registerCommand('chartcoder.charts.filter', async () => {
      const filter = await vscode.window.showInputBox({
        title: 'Filter Charts',
        value: options.filter,
        prompt: 'Words to find in the file name, encounter, status, assigned coder, MS-DRG or discharge date; status:…, assigned:…, drg:… look in one field.',
        placeHolder: 'e.g. status:to-code drg:291',
      });
      if (filter === undefined) return;
      options.filter = filter.trim();
      render();
    }),
    vscode.commands.registerCommand('chartcoder.charts.clearFilter', () => {
      options.filter = '';
      render();
    }),
    vscode.commands.registerCommand('chartcoder.nextChartToCode', async () => {
      const next = nextToCode(store.charts.values());
      if (!next)
        return void vscode.window.showInformationMessage(
          store.state.scanning
            ? 'ChartCoder: the charts are still being read; try again in a moment.'
            : 'ChartCoder: no chart is waiting to be coded (status: to-code).',
        );
      await vscode.window.showTextDocument(vscode.Uri.parse(next.uri));
      const node: Node = { kind: 'chart', entry: next };
      if (view.visible) await view.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
    }),
    vscode.commands.registerCommand('chartcoder.setStatus', async (arg?: unknown) => {
      const uri = chartOf(arg);
      if (!uri) return void vscode.window.showInformationMessage('ChartCoder: open a chart or select one in the Charts view first.');
      const current = store.charts.get(uri.toString())?.status;
      const pick = await vscode.window.showQuickPick(
        CHART_STATUS_VALUES.map((s) => ({
          label: STATUS_LABELS[s],
          description: `${s}${s === current ? ' (current)' : ''}`,
          detail: STATUS_HELP[s],
          status: s,
        })),
        { title: `Set Status of ${fileName(uri.toString())}` },
      );
      if (pick) await setStatus(uri, pick.status);
    }),
    vscode.commands.registerCommand('chartcoder.markCoded', async (arg?: unknown) => {
      const uri = chartOf(arg);
      if (!uri) return void vscode.window.showInformationMessage('ChartCoder: open a chart or select one in the Charts view first.');
      await setStatus(uri, 'coded', localDate(new Date()));
    }),
  );
  render();
  void subscribe();
}
