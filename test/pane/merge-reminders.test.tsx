/**
 * @jest-environment jsdom
 */
/**
 * The merge panel's reminder features in jsdom, with the real API client against a real
 * reference server on loopback. The tests cover the level, the penalty rate's check, the dialog
 * about unmatched payments, the clients left out, and the history recorded after the letters.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { unzipSync } from 'fflate';
import { TextDecoder, TextEncoder } from 'node:util';

import { createOpistoClient, type OpistoClient } from '../../src/api/client';
import type { DebtorSummary } from '../../src/api/contract';
import type { ClientRecord } from '../../src/api/record';
import {
  buildLetterValues,
  checkBeforeSending,
  formatDate,
  parsePenaltyRate,
  UNMATCHED_WARNING,
} from '../../src/merge';
import { PaneProvider } from '../../src/pane/app/pane-context';
import { DebtorsTab } from '../../src/pane/debtors/DebtorsTab';
import { MergePanel } from '../../src/pane/merge/MergePanel';
import type { PaneEnvironment } from '../../src/pane/services/environment';
import type { PaneSettings } from '../../src/pane/services/settings';
import type { TemplateChoice } from '../../src/pane/services/template-choice';
import { pieceKey, type Exclusions } from '../../src/pane/state/exclusions';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { API_KEY, REFERENCE_DATE, startTestServer, type TestServer } from '../server/helpers';
import { FakeWord } from '../word-fake';
import { installLayout, renderWithSettings } from './debtors-render';
import { startLosingProxy, type LosingProxy } from './losing-proxy';
import {
  blobBytes,
  catchDownloads,
  ChooseTemplate,
  memoryStorage,
  type CaughtDownload,
} from './merge-panel-render';
import { firstDebtors, letterText, openDocument, TEMPLATE } from './merge-support';

// jsdom lacks these standard APIs, which every browser the pane runs in has.
globalThis.TextEncoder ??= TextEncoder;
globalThis.TextDecoder ??= TextDecoder as typeof globalThis.TextDecoder;
window.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

/** The level, the penalties and the invoices: what a 2e rappel states. */
const PENALTY_TEMPLATE = makeDocx({
  body:
    paragraph('Client : opistoclientnomcomplet') +
    paragraph('Niveau : opistoniveaurelance') +
    paragraph('Pénalités : opistopenalitesretard') +
    paragraph('opistolistefactures'),
});

/** The indemnity, which needs to know whether the client is a professional. */
const BUYER_TEMPLATE = makeDocx({
  body:
    paragraph('Client : opistoclientnomcomplet') +
    paragraph('Indemnité : opistoindemniterecouvrement'),
});

const RATE = '13,15';
/** A name that gives the 2e rappel level, and that no demo reminder has. */
const TEMPLATE_NAME = 'Relance 2e rappel (essai).docx';
/** The letter date typed in the panel: after every demo reminder, so it becomes the last one. */
const LETTER_DATE = REFERENCE_DATE;

let server: TestServer;
let client: OpistoClient;
let downloads: CaughtDownload[];
let everyone: DebtorSummary[];

beforeEach(async () => {
  downloads = catchDownloads();
  // The pane's developer log goes to console.info; these tests do not read it.
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  server = await startTestServer({ count: 60, corsOrigins: ['http://localhost'] });
  client = createOpistoClient({ baseUrl: server.baseUrl, apiKey: API_KEY });
  everyone = await firstDebtors(server, 500);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await server.close();
});

function recordOf(id: string): ClientRecord {
  const record = server.records.find((candidate) => candidate.client.id === id);
  if (!record) {
    throw new Error(`no demo record ${id}`);
  }
  return record;
}

/** Returns the first listed debtors that `keep` accepts; throws when there are too few. */
function pick(count: number, keep: (debtor: DebtorSummary, record: ClientRecord) => boolean) {
  const found = everyone.filter((debtor) => keep(debtor, recordOf(debtor.id))).slice(0, count);
  if (found.length < count) {
    throw new Error(`the demo data has fewer than ${count} such debtors`);
  }
  return found;
}

/** Owes something, is known to be a professional, and has no unmatched payment. */
function isPlainProfessional(debtor: DebtorSummary, record: ClientRecord): boolean {
  const leftOut = checkBeforeSending(record, { minimumCents: 0, confirmUnmatched: false });
  return leftOut === null && record.client.isProfessional === true;
}

type PanelSetup = {
  debtors: readonly DebtorSummary[];
  template?: TemplateChoice;
  environment?: PaneEnvironment;
  settings?: Partial<PaneSettings>;
  exclusions?: Exclusions;
};

function renderPanel(setup: PanelSetup) {
  const template = setup.template ?? fileTemplate(TEMPLATE_NAME, TEMPLATE);
  const settings = {
    apiUrl: server.baseUrl,
    apiKey: API_KEY,
    penaltyRate: RATE,
    ...setup.settings,
  };
  const selection = {
    debtors: setup.debtors,
    filter: {},
    exclusions: setup.exclusions ?? new Map(),
  };
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <PaneProvider
        environment={setup.environment ?? { kind: 'browser' }}
        storage={memoryStorage(settings)}
      >
        {setup.environment?.kind !== 'word' && <ChooseTemplate template={template} />}
        <MergePanel selection={selection} />
      </PaneProvider>
    </FluentProvider>,
  );
  return { user: userEvent.setup(), ...view };
}

function fileTemplate(name: string, bytes: Uint8Array): TemplateChoice {
  return { kind: 'file', name, bytes };
}

function mergeButton() {
  return screen.getByRole('button', { name: 'Fusionner' });
}

function levelSelect(): HTMLSelectElement {
  return screen.getByLabelText('Niveau de relance');
}

async function setLetterDate(user: ReturnType<typeof userEvent.setup>, date: string) {
  const input = screen.getByLabelText('Date du courrier');
  await user.clear(input);
  await user.type(input, date.split('-').reverse().join('/'));
}

/** Returns the text of every letter downloaded so far. */
async function downloadedLetters(): Promise<string[]> {
  const texts: string[] = [];
  for (const download of downloads) {
    const bytes = await blobBytes(download.blob);
    const letters = download.name.endsWith('.zip') ? Object.values(unzipSync(bytes)) : [bytes];
    texts.push(...letters.map(letterText));
  }
  return texts;
}

/** Reads the reminders of `id` that this test's template recorded. */
async function historyOf(id: string, templateName = TEMPLATE_NAME) {
  const { items } = await client.reminderHistory(id);
  return items.filter((item) => item.templateName === templateName);
}

async function waitForHistory(count: number) {
  const plural = count > 1 ? 'relances' : 'relance';
  await screen.findByText(
    `Historique enregistré dans Opisto : ${count} ${plural}.`,
    {},
    {
      timeout: 10_000,
    },
  );
}

describe('reminder level', () => {
  test('defaults from the template name', () => {
    renderPanel({ debtors: pick(1, isPlainProfessional) });

    expect(levelSelect().value).toBe('rappel2');
    expect(screen.getByText('Choisi d’après le nom du modèle.')).toBeTruthy();
  });

  test('is 1er rappel for a name without level', () => {
    renderPanel({
      debtors: pick(1, isPlainProfessional),
      template: fileTemplate('Relance.docx', TEMPLATE),
    });

    expect(levelSelect().value).toBe('rappel1');
    expect(screen.getByText(/n’indique aucun niveau : 1er rappel par défaut/)).toBeTruthy();
  });

  test('user choice goes into letter and history', async () => {
    const debtors = pick(1, isPlainProfessional);
    const { user } = renderPanel({
      debtors,
      template: fileTemplate('Relance.docx', PENALTY_TEMPLATE),
    });

    await user.selectOptions(levelSelect(), 'Mise en demeure');
    expect(levelSelect().value).toBe('miseEnDemeure');
    expect(screen.queryByText('Choisi d’après le nom du modèle.')).toBeNull();
    await setLetterDate(user, LETTER_DATE);
    await user.click(mergeButton());
    await waitForHistory(1);

    const [letter] = await downloadedLetters();
    expect(letter).toContain('Niveau : Mise en demeure');
    const [reminder] = await historyOf(debtors[0]?.id as string, 'Relance.docx');
    expect(reminder?.level).toBe('miseEnDemeure');
  });

  test('a new template brings its own level back', async () => {
    const debtors = pick(1, isPlainProfessional);
    const panel = (template: TemplateChoice) => (
      <FluentProvider theme={webLightTheme}>
        <PaneProvider
          environment={{ kind: 'browser' }}
          storage={memoryStorage({ apiUrl: server.baseUrl, apiKey: API_KEY })}
        >
          <ChooseTemplate template={template} />
          <MergePanel selection={{ debtors, filter: {}, exclusions: new Map() }} />
        </PaneProvider>
      </FluentProvider>
    );
    const { rerender } = render(panel(fileTemplate('Relance 2e rappel.docx', TEMPLATE)));
    const user = userEvent.setup();

    await user.selectOptions(levelSelect(), '1er rappel');
    rerender(panel(fileTemplate('Mise en demeure.docx', TEMPLATE)));

    await waitFor(() => expect(screen.getByText('Modèle : Mise en demeure.docx')).toBeTruthy());
    expect(levelSelect().value).toBe('miseEnDemeure');
  });
});

describe('letter date', () => {
  test('warns about a slip of the year', async () => {
    const debtors = pick(1, isPlainProfessional);
    render(
      <FluentProvider theme={webLightTheme}>
        <PaneProvider
          environment={{ kind: 'browser' }}
          storage={memoryStorage({ apiUrl: server.baseUrl, apiKey: API_KEY })}
        >
          <ChooseTemplate template={fileTemplate('Relance 2e rappel.docx', TEMPLATE)} />
          <MergePanel selection={{ debtors, filter: {}, exclusions: new Map() }} />
        </PaneProvider>
      </FluentProvider>,
    );
    const user = userEvent.setup();

    await setLetterDate(user, '2062-12-04');

    expect(await screen.findByText(/^Date du courrier improbable \(04\/12\/2062\)/)).toBeTruthy();
  });
});

describe('penalty rate before merging', () => {
  test('missing rate disables "Fusionner" with the reason', () => {
    renderPanel({
      debtors: pick(1, isPlainProfessional),
      template: fileTemplate(TEMPLATE_NAME, PENALTY_TEMPLATE),
      settings: { penaltyRate: '' },
    });

    expect(mergeButton().getAttribute('aria-disabled')).toBe('true');
    const reason = screen.getByText(/^Taux des pénalités de retard manquant/);
    expect(reason.textContent).toContain('le modèle utilise opistopenalitesretard');
    expect(reason.textContent).toContain('dans l’onglet Paramètres');
    expect(mergeButton().getAttribute('aria-describedby')).toBe(reason.id);
  });

  test('no rate needed without penalty fields', () => {
    renderPanel({ debtors: pick(1, isPlainProfessional), settings: { penaltyRate: '' } });

    expect(mergeButton().getAttribute('aria-disabled')).toBeNull();
  });

  test('rate set: letter states the penalties', async () => {
    const debtors = pick(1, (debtor, record) => {
      const values = buildLetterValues(record, LETTER_DATE, {
        penaltyRate: parsePenaltyRate(RATE),
      });
      return isPlainProfessional(debtor, record) && values.text.opistopenalitesretard !== '0,00';
    });
    const { user } = renderPanel({
      debtors,
      template: fileTemplate(TEMPLATE_NAME, PENALTY_TEMPLATE),
    });
    await setLetterDate(user, LETTER_DATE);

    await user.click(mergeButton());
    await screen.findByText('1 courrier téléchargé');

    const record = await client.getRecord(debtors[0]?.id as string);
    const expected = buildLetterValues(record, LETTER_DATE, {
      penaltyRate: parsePenaltyRate(RATE),
      level: 'rappel2',
    });
    const [letter] = await downloadedLetters();
    expect(letter).toContain(`Pénalités : ${expected.text.opistopenalitesretard}`);
    expect(letter).toContain('Niveau : 2e rappel');
  });
});

describe('unmatched payments', () => {
  function setup() {
    const [plain] = pick(1, isPlainProfessional);
    const [unmatched] = pick(1, (debtor, record) => {
      const leftOut = checkBeforeSending(record, { minimumCents: 0, confirmUnmatched: true });
      return (
        debtor.hasUnmatchedPayments && leftOut === null && record.client.isProfessional === true
      );
    });
    const debtors = [plain, unmatched] as DebtorSummary[];
    return { debtors, unmatched: unmatched as DebtorSummary, ...renderPanel({ debtors }) };
  }

  test('dialog lists the clients with the warning', async () => {
    const { user, unmatched } = setup();

    await user.click(mergeButton());

    const dialog = await screen.findByRole('dialog', { name: 'Paiements non lettrés' });
    const items = within(within(dialog).getByRole('list', { name: 'Clients concernés' }));
    expect(items.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      `${unmatched.displayName} : ${UNMATCHED_WARNING}`,
    ]);
    expect(dialog.textContent).toContain('1 client sélectionné a des paiements ou des avoirs');
    expect(downloads).toHaveLength(0);
  });

  test('"Inclure ces clients" makes both letters', async () => {
    const { user, debtors, unmatched } = setup();

    await user.click(mergeButton());
    await user.click(await screen.findByRole('button', { name: 'Inclure ces clients' }));
    await screen.findByText('2 courriers téléchargés');

    const letters = await downloadedLetters();
    for (const debtor of debtors) {
      expect(letters.some((text) => text.includes(`Client : ${debtor.displayName}`))).toBe(true);
    }
    expect(screen.queryByRole('dialog')).toBeNull();
    // As on the command line, the warning stays beside the letters the user confirmed.
    const items = screen.getAllByRole('listitem').map((item) => item.textContent ?? '');
    expect(items.filter((text) => text.includes(UNMATCHED_WARNING))).toEqual([
      expect.stringMatching(new RegExp(`^${escapeRegExp(unmatched.displayName)}Téléchargé`)),
    ]);
  });

  test('"Les laisser de côté" skips them', async () => {
    const { user, unmatched } = setup();

    await user.click(mergeButton());
    await user.click(await screen.findByRole('button', { name: 'Les laisser de côté' }));
    await screen.findByText('1 courrier téléchargé, 1 client sans courrier');

    const item = screen
      .getAllByRole('listitem')
      .find((candidate) => candidate.textContent?.startsWith(unmatched.displayName));
    expect(item?.textContent).toContain(
      'Pas de courrier : Paiement non lettré : vérifiez avant d’envoyer.',
    );
    expect(item?.textContent).toContain('choisissez « Inclure ces clients »');
    expect(screen.queryByRole('button', { name: /^Réessayer/ })).toBeNull();
    await waitForHistory(1);
    await expect(historyOf(unmatched.id)).resolves.toEqual([]);
  });

  test('"Annuler" merges nothing', async () => {
    const { user } = setup();

    await user.click(mergeButton());
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Annuler' }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Résultat de la fusion' })).toBeNull();
    expect(downloads).toHaveLength(0);
    expect(server.logText()).not.toContain('/api/v1/debtors/records');
  });

  test('Escape merges nothing', async () => {
    const { user } = setup();

    await user.click(mergeButton());
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(downloads).toHaveLength(0);
  });
});

describe('clients left out', () => {
  test('nothing due or below the threshold: skipped', async () => {
    const [nothingDue] = pick(1, (debtor, record) => {
      const leftOut = checkBeforeSending(record, { minimumCents: 0, confirmUnmatched: true });
      return !debtor.hasUnmatchedPayments && leftOut?.code === 'nothing_due';
    });
    const [small, large] = pick(2, isPlainProfessional).sort(
      (a, b) => dueOf(recordOf(a.id)) - dueOf(recordOf(b.id)),
    );
    const threshold = (dueOf(recordOf(small?.id as string)) + 1) / 100;
    expect(dueOf(recordOf(large?.id as string))).toBeGreaterThan(threshold * 100);
    const ghost = { ...(small as DebtorSummary), id: 'ABSENT-1', displayName: 'Fantôme' };
    const debtors = [nothingDue, small, large, ghost] as DebtorSummary[];
    const { user } = renderPanel({
      debtors,
      settings: { minimumAmount: String(threshold).replace('.', ',') },
    });

    await user.click(mergeButton());
    await screen.findByText('1 courrier téléchargé, 1 échec, 2 clients sans courrier');

    const texts = screen.getAllByRole('listitem').map((item) => item.textContent ?? '');
    expect(texts[0]).toMatch(/Pas de courrier : Rien à réclamer : ce client a un solde créditeur/);
    expect(texts[1]).toMatch(/Pas de courrier : Ce client doit .* moins que le seuil de/);
    expect(texts[1]).toContain('Le seuil se règle dans l’onglet Paramètres.');
    expect(texts[2]).toContain('Téléchargé');
    expect(texts[3]).toContain('Échec');

    // "Réessayer" runs the failed client only: the same checks would leave the others out. It
    // waits for the history of the letter made.
    await waitForHistory(1);
    const batchesBefore = recordsRequests();
    await user.click(screen.getByRole('button', { name: 'Réessayer (1 client)' }));
    await waitFor(() => expect(recordsRequests()).toBeGreaterThan(batchesBefore));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    await screen.findByText('1 courrier téléchargé, 1 échec, 2 clients sans courrier');
    expect(screen.getAllByText(/^Pas de courrier :/)).toHaveLength(2);
    expect(downloads).toHaveLength(1);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Computes what a client owes: unpaid invoices less unused credit notes, in cents. */
function dueOf(record: ClientRecord): number {
  const invoices = record.invoices.reduce((sum, i) => sum + i.totalCents - i.paidCents, 0);
  const notes = record.creditNotes.reduce((sum, n) => sum + n.totalCents - n.usedCents, 0);
  return invoices + notes;
}

/** Counts the batch requests for records the server has received. */
function recordsRequests(): number {
  return server.logText().split('/api/v1/debtors/records').length - 1;
}

describe('history', () => {
  test('records level, date, template and pieces kept', async () => {
    const debtors = pick(2, (debtor, record) => {
      const open = record.invoices.filter((invoice) => invoice.paidCents !== invoice.totalCents);
      return isPlainProfessional(debtor, record) && open.length >= 2;
    });
    const [first, second] = debtors as [DebtorSummary, DebtorSummary];
    const firstRecord = await client.getRecord(first.id);
    const excluded = firstRecord.invoices[0]?.number as string;
    const exclusions = new Map([[first.id, new Set([pieceKey('invoice', excluded)])]]);
    const { user } = renderPanel({ debtors, exclusions });
    await setLetterDate(user, LETTER_DATE);

    await user.click(mergeButton());
    await waitForHistory(2);

    const [reminder, ...others] = await historyOf(first.id);
    expect(others).toEqual([]);
    expect(reminder).toMatchObject({
      clientId: first.id,
      level: 'rappel2',
      date: LETTER_DATE,
      templateName: TEMPLATE_NAME,
    });
    expect(reminder?.pieces).toEqual(
      firstRecord.invoices
        .filter((invoice) => invoice.number !== excluded)
        .map((invoice) => ({ kind: 'invoices', number: invoice.number })),
    );
    const secondRecord = await client.getRecord(second.id);
    const [secondReminder] = await historyOf(second.id);
    expect(secondReminder?.pieces).toHaveLength(secondRecord.invoices.length);
  });

  test('failed letter writes no history', async () => {
    const [unknownKind] = pick(1, (debtor, record) => {
      const leftOut = checkBeforeSending(record, { minimumCents: 0, confirmUnmatched: false });
      return leftOut === null && record.client.isProfessional == null;
    });
    const [known] = pick(1, isPlainProfessional);
    const template = fileTemplate(TEMPLATE_NAME, BUYER_TEMPLATE);
    const { user } = renderPanel({ debtors: [unknownKind, known] as DebtorSummary[], template });
    await setLetterDate(user, LETTER_DATE);

    await user.click(mergeButton());
    await screen.findByText('1 courrier téléchargé, 1 échec');
    await waitForHistory(1);

    await expect(historyOf(unknownKind?.id as string)).resolves.toEqual([]);
    await expect(historyOf(known?.id as string)).resolves.toHaveLength(1);
  });

  test('lost response: warning, retry, no duplicate', async () => {
    const proxy: LosingProxy = await startLosingProxy(server.baseUrl);
    try {
      const debtors = pick(2, isPlainProfessional);
      const { user } = renderPanel({ debtors, settings: { apiUrl: proxy.baseUrl } });
      await setLetterDate(user, LETTER_DATE);

      await user.click(mergeButton());

      const warning = await screen.findByText(
        /^Les courriers sont faits, mais l’historique/,
        {},
        {
          timeout: 10_000,
        },
      );
      expect(warning.textContent).toContain('Serveur Opisto injoignable');
      expect(warning.textContent).toContain('2 relances restent à enregistrer.');
      expect(screen.getByText('2 courriers téléchargés')).toBeTruthy();
      expect(downloads).toHaveLength(1);

      proxy.losing = false;
      await user.click(screen.getByRole('button', { name: 'Réessayer l’enregistrement' }));
      await waitForHistory(2);

      // The client retried the lost batch itself, then the pane once more: one key for all.
      expect(proxy.batchKeys.length).toBeGreaterThanOrEqual(3);
      expect(new Set(proxy.batchKeys).size).toBe(1);
      for (const debtor of debtors) {
        await expect(historyOf(debtor.id)).resolves.toHaveLength(1);
      }
    } finally {
      await proxy.close();
    }
  });
});

describe('inside Word', () => {
  function wordEnvironment(fake: FakeWord, bytes: Uint8Array): PaneEnvironment {
    return {
      kind: 'word',
      host: fake,
      document: openDocument(bytes),
      partitionKey: undefined,
      documentName: TEMPLATE_NAME,
    };
  }

  test('letters opened with the level, history recorded', async () => {
    const debtors = pick(2, isPlainProfessional);
    const fake = new FakeWord(PENALTY_TEMPLATE);
    const { user } = renderPanel({
      debtors,
      environment: wordEnvironment(fake, PENALTY_TEMPLATE),
    });
    expect(levelSelect().value).toBe('rappel2');
    await setLetterDate(user, LETTER_DATE);

    await user.click(mergeButton());
    await screen.findByText('2 courriers ouverts dans Word');
    await waitForHistory(2);

    const text = letterText(fake.createdDocuments[0]?.toDocx() as Uint8Array);
    expect(text).toContain('Niveau : 2e rappel');
    expect(text).toMatch(/Pénalités : \d/);
    for (const debtor of debtors) {
      const [reminder] = await historyOf(debtor.id);
      expect(reminder?.level).toBe('rappel2');
    }
  });

  test('open document needing the rate stops the merge', async () => {
    const fake = new FakeWord(PENALTY_TEMPLATE);
    const { user } = renderPanel({
      debtors: pick(1, isPlainProfessional),
      environment: wordEnvironment(fake, PENALTY_TEMPLATE),
      settings: { penaltyRate: '' },
    });

    // The open document's fields are unknown until the merge reads it.
    expect(mergeButton().getAttribute('aria-disabled')).toBeNull();
    await user.click(mergeButton());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/La fusion s’est interrompue.*Taux des pénalités/);
    expect(fake.createdDocuments).toEqual([]);
  });
});

describe('debtor list after the history', () => {
  let restoreLayout: () => void;
  beforeAll(() => {
    restoreLayout = installLayout();
  });
  afterAll(() => restoreLayout());

  test('row shows the new last reminder', async () => {
    const [debtor] = pick(1, (candidate, record) => {
      return isPlainProfessional(candidate, record) && record.lastReminder?.level === 'rappel1';
    });
    const name = debtor?.displayName as string;
    renderWithSettings(
      <>
        <ChooseTemplate template={fileTemplate(TEMPLATE_NAME, TEMPLATE)} />
        <DebtorsTab />
      </>,
      { apiUrl: server.baseUrl, apiKey: API_KEY },
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nom'), `${name}{Enter}`);
    await user.click(await screen.findByRole('checkbox', { name: `Sélectionner ${name}` }));
    const row = () =>
      screen
        .getByRole('checkbox', { name: `Sélectionner ${name}` })
        .closest('[role="row"]') as HTMLElement;
    expect(within(row()).getAllByRole('gridcell').at(-1)?.textContent).toBe('2e rappel');
    await setLetterDate(user, LETTER_DATE);

    await user.click(mergeButton());
    await waitForHistory(1);

    const cells = within(row())
      .getAllByRole('gridcell')
      .map((cell) => cell.textContent);
    expect(cells.slice(-2)).toEqual([`2e rappel · ${formatDate(LETTER_DATE)}`, 'Mise en demeure']);
    // The row stays ticked, in the same list.
    expect(screen.getByRole('checkbox', { name: `Sélectionner ${name}` })).toHaveProperty(
      'checked',
      true,
    );
  });
});
