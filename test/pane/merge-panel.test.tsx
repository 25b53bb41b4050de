/**
 * @jest-environment jsdom
 */
/**
 * The "Fusionner" panel in jsdom, with the real API client against a real reference server on
 * loopback: why the button is disabled, progress, "Annuler", the result list and "Réessayer".
 * Downloads are caught at `URL.createObjectURL`, which jsdom lacks.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { unzipSync } from 'fflate';
import { TextDecoder, TextEncoder } from 'node:util';
import { useEffect } from 'react';

import { createOpistoClient } from '../../src/api/client';
import type { DebtorFilter, DebtorSummary } from '../../src/api/contract';
import { checkBeforeSending } from '../../src/merge';
import { PaneProvider, usePane } from '../../src/pane/app/pane-context';
import { MergePanel } from '../../src/pane/merge/MergePanel';
import { MergeProgress } from '../../src/pane/merge/MergeProgress';
import type { PaneEnvironment } from '../../src/pane/services/environment';
import type { TemplateChoice } from '../../src/pane/services/template-choice';
import { API_KEY, startTestServer, type TestServer } from '../server/helpers';
import { FakeWord } from '../word-fake';
import { catchDownloads, type CaughtDownload } from './merge-panel-render';
import { firstDebtors, letterText, openDocument, TEMPLATE } from './merge-support';

// jsdom lacks these standard APIs, which every browser the pane runs in has.
globalThis.TextEncoder ??= TextEncoder;
globalThis.TextDecoder ??= TextDecoder as typeof globalThis.TextDecoder;

/** jsdom lays nothing out; Fluent's MessageBar only needs the observer to exist. */
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver ??= NoLayoutResizeObserver;

let downloads: CaughtDownload[] = [];

beforeAll(() => {
  downloads = catchDownloads();
});

let server: TestServer;
let consoleLines: string[] = [];

beforeEach(async () => {
  downloads.length = 0;
  consoleLines = [];
  // The pane's developer log goes to console.info: kept here to check what it says.
  jest.spyOn(console, 'info').mockImplementation((line: string) => void consoleLines.push(line));
  server = await startTestServer({ count: 60, corsOrigins: ['http://localhost'] });
});

afterEach(async () => {
  jest.restoreAllMocks();
  await server.close();
});

function memoryStorage(apiUrl: string, apiKey: string): Storage {
  const values = new Map([['opisto-relances.settings', JSON.stringify({ apiUrl, apiKey })]]);
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  } as Storage;
}

/** Chooses the template as the "Modèle" tab would. */
function ChooseTemplate({ template }: { template: TemplateChoice | null }) {
  const { chooseTemplate } = usePane();
  useEffect(() => chooseTemplate(template), [chooseTemplate, template]);
  return null;
}

type PanelSetup = {
  debtors: DebtorSummary[];
  template?: TemplateChoice | null;
  environment?: PaneEnvironment;
  apiKey?: string;
};

function renderPanel({ debtors, template, environment, apiKey = API_KEY }: PanelSetup) {
  const chosen =
    template === undefined
      ? { kind: 'file' as const, name: 'Relance.docx', bytes: TEMPLATE }
      : template;
  const selection = { debtors, filter: {}, exclusions: new Map() };
  render(
    <FluentProvider theme={webLightTheme}>
      <PaneProvider
        environment={environment ?? { kind: 'browser' }}
        storage={memoryStorage(server.baseUrl, apiKey)}
      >
        {environment?.kind !== 'word' && <ChooseTemplate template={chosen} />}
        <MergePanel selection={selection} />
      </PaneProvider>
    </FluentProvider>,
  );
  return userEvent.setup();
}

function mergeButton() {
  return screen.getByRole('button', { name: 'Fusionner' });
}

/** Clicks "Fusionner", and "Inclure ces clients" when some have unmatched payments. */
async function clickMerge(user: ReturnType<typeof userEvent.setup>, debtors: DebtorSummary[]) {
  await user.click(mergeButton());
  if (debtors.some((debtor) => debtor.hasUnmatchedPayments)) {
    await user.click(await screen.findByRole('button', { name: 'Inclure ces clients' }));
  }
}

/** Counts the clients whose letter the checks before sending leave out, once confirmed. */
function leftOutCount(debtors: DebtorSummary[]): number {
  return debtors.filter((debtor) => {
    const record = server.records.find((candidate) => candidate.client.id === debtor.id);
    return record && checkBeforeSending(record, { minimumCents: 0, confirmUnmatched: true });
  }).length;
}

/** Reads a downloaded .zip; jsdom's Blob has no arrayBuffer(), its FileReader does the job. */
async function downloadedEntries(index: number): Promise<Record<string, Uint8Array>> {
  const blob = downloads[index]?.blob as Blob;
  const buffer = await new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
  return unzipSync(new Uint8Array(buffer));
}

describe('MergePanel before a merge', () => {
  test('explains that no client is selected', () => {
    renderPanel({ debtors: [] });

    expect(mergeButton().getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText(/Aucun client sélectionné : cochez au moins un client/)).toBeTruthy();
  });

  test('asks for a template in the "Modèle" tab', async () => {
    renderPanel({ debtors: await firstDebtors(server, 1), template: null });

    expect(mergeButton().getAttribute('aria-disabled')).toBe('true');
    const reason = screen.getByText(/choisissez un modèle dans l’onglet Modèle/);
    expect(mergeButton().getAttribute('aria-describedby')).toBe(reason.id);
  });

  test('asks for the connection settings', async () => {
    renderPanel({ debtors: await firstDebtors(server, 1), apiKey: '' });

    expect(mergeButton().getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText(/clé API dans l’onglet Paramètres/)).toBeTruthy();
  });

  test('offers today as the letter date and both layouts', async () => {
    renderPanel({ debtors: await firstDebtors(server, 1) });
    const today = new Date();
    const shown = [today.getDate(), today.getMonth() + 1, today.getFullYear()]
      .map((part) => String(part).padStart(2, '0'))
      .join('/');

    expect((screen.getByLabelText('Date du courrier') as HTMLInputElement).value).toBe(shown);
    expect(screen.getByRole('radio', { name: 'Un document par client' })).toHaveProperty(
      'checked',
      true,
    );
    expect(screen.getByRole('radio', { name: 'Un seul document' })).toHaveProperty(
      'checked',
      false,
    );
    expect(mergeButton().getAttribute('aria-disabled')).toBeNull();
  });
});

describe('MergeProgress', () => {
  test('shows the letters done as text and as a progress bar', () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <MergeProgress
          progress={{ done: 1, total: 2 }}
          onCancel={() => undefined}
          cancelling={false}
        />
      </FluentProvider>,
    );

    const bar = screen.getByRole('progressbar');
    expect(screen.getByText('1 / 2 courriers')).toBeTruthy();
    expect(bar.getAttribute('aria-valuenow')).toBe('1');
    expect(bar.getAttribute('aria-valuemax')).toBe('2');
    expect(screen.getByRole('button', { name: 'Annuler' })).toBeTruthy();
  });
});

describe('MergePanel merging in a plain browser', () => {
  test('downloads the letters of two clients in one .zip and lists them', async () => {
    const debtors = await firstDebtors(server, 2);
    const user = renderPanel({ debtors });

    await user.click(mergeButton());
    expect(screen.getByText('0 / 2 courriers')).toBeTruthy();
    await screen.findByText('2 courriers téléchargés');

    expect(downloads.map((download) => download.name)).toEqual(['Relance - courriers.zip']);
    const entries = Object.values(await downloadedEntries(0));
    expect(entries.map((docx) => letterText(docx).split('\n')[0])).toEqual(
      debtors.map((debtor) => `Client : ${debtor.displayName}`),
    );
    const items = within(screen.getByRole('list', { name: 'Courriers par client' }));
    expect(items.getAllByRole('listitem')).toHaveLength(2);
    expect(items.getAllByText(/^Téléchargé : Relance - /)).toHaveLength(2);
  });

  test('shows the reason of a failed client, and "Réessayer" runs only that one', async () => {
    const [debtor] = await firstDebtors(server, 1);
    const ghost = { ...(debtor as DebtorSummary), id: 'ABSENT-1', displayName: 'Fantôme' };
    const user = renderPanel({ debtors: [ghost, debtor as DebtorSummary] });

    await user.click(mergeButton());
    await screen.findByText('1 courrier téléchargé, 1 échec');
    expect(screen.getByText(/Échec : Client « ABSENT-1 » introuvable dans Opisto/)).toBeTruthy();
    expect(downloads).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Réessayer (1 client)' }));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());

    expect(screen.getByText('1 courrier téléchargé, 1 échec')).toBeTruthy();
    expect(downloads).toHaveLength(1);
  });

  test('"Annuler" stops the run, and "Réessayer" makes the cancelled letters', async () => {
    const debtors = await firstDebtors(server, 40);
    const leftOut = leftOutCount(debtors);
    const user = renderPanel({ debtors });

    await clickMerge(user, debtors);
    await user.click(screen.getByRole('button', { name: 'Annuler' }));
    const summary = await screen.findByText(/\d+ annulés?/);
    const cancelled = Number(/(\d+) annulés?/.exec(summary.textContent ?? '')?.[1]);
    const skipped = Number(
      /(\d+) clients? sans courrier/.exec(summary.textContent ?? '')?.[1] ?? 0,
    );
    expect(cancelled).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: /^Réessayer \(\d+ clients?\)$/ }));
    // jsdom renders 40 letters in seconds, not milliseconds. Clients who owe nothing get none.
    await screen.findByText(
      `${40 - leftOut} courriers téléchargés, ${leftOut} clients sans courrier`,
      {},
      { timeout: 20_000 },
    );

    // A client left out after "Annuler" was cancelled before its check: the retry leaves it out.
    const retried = await downloadedEntries(downloads.length - 1);
    expect(Object.keys(retried)).toHaveLength(cancelled - (leftOut - skipped));
  });

  test('"Réessayer" keeps the filter of the first run', async () => {
    const client = createOpistoClient({ baseUrl: server.baseUrl, apiKey: API_KEY });
    const debtors = (await client.searchDebtors({ kinds: 'invoices', pageSize: 30 })).items;
    const panel = (filter: DebtorFilter) => (
      <FluentProvider theme={webLightTheme}>
        <PaneProvider
          environment={{ kind: 'browser' }}
          storage={memoryStorage(server.baseUrl, API_KEY)}
        >
          <ChooseTemplate template={{ kind: 'file', name: 'Relance.docx', bytes: TEMPLATE }} />
          <MergePanel selection={{ debtors, filter, exclusions: new Map() }} />
        </PaneProvider>
      </FluentProvider>
    );
    const { rerender } = render(panel({ kinds: 'invoices' }));
    const user = userEvent.setup();

    await clickMerge(user, debtors);
    await user.click(screen.getByRole('button', { name: 'Annuler' }));
    await screen.findByText(/\d+ annulés?/);
    // A new search with only credit notes, whose letters would list no invoice.
    rerender(panel({ kinds: 'creditNotes' }));
    await user.click(screen.getByRole('button', { name: /^Réessayer \(\d+ clients?\)$/ }));
    await screen.findByText(`${debtors.length} courriers téléchargés`, {}, { timeout: 20_000 });

    const retried = Object.values(await downloadedEntries(downloads.length - 1));
    expect(retried.length).toBeGreaterThan(0);
    for (const letter of retried) {
      expect(letterText(letter)).not.toContain('Aucune facture en attente.');
    }
  });

  test('says in French that the key is wrong', async () => {
    const user = renderPanel({ debtors: await firstDebtors(server, 2), apiKey: 'wrong-key' });

    await user.click(mergeButton());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/La fusion s’est interrompue.*Clé API refusée/);
    expect(screen.getByText('2 échecs')).toBeTruthy();
    expect(downloads).toHaveLength(0);
    expect(consoleLines.join('\n')).toContain('fetch failed: ApiError unauthorized');
    expect(consoleLines.join('\n')).not.toContain('wrong-key');
  });
});

describe('MergePanel inside Word', () => {
  test('opens each letter in Word with the open document as the template', async () => {
    const debtors = await firstDebtors(server, 2);
    const fake = new FakeWord(TEMPLATE);
    const environment: PaneEnvironment = {
      kind: 'word',
      host: fake,
      document: openDocument(TEMPLATE),
      partitionKey: undefined,
    };
    const user = renderPanel({ debtors, environment });

    await user.click(mergeButton());
    await screen.findByText('2 courriers ouverts dans Word');

    expect(screen.getAllByText('Ouvert dans Word')).toHaveLength(2);
    expect(fake.createdDocuments.map((document) => document.opened)).toEqual([true, true]);
    expect(downloads).toHaveLength(0);
  });
});
