/**
 * @jest-environment jsdom
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { daysBetween, formatDate, localCalendarDate, UNMATCHED_WARNING } from '../../src/merge';
import { addDays } from '../../src/server/demo-generator';
import { daysBefore } from '../../src/pane/debtors/debtor-search';
import { DebtorsTab } from '../../src/pane/debtors/DebtorsTab';
import type { MergeSelection } from '../../src/pane/state/selection';
import {
  API_KEY,
  expectedIds,
  REFERENCE_DATE,
  startTestServer,
  type TestServer,
} from '../server/helpers';
import { installLayout, renderWithSettings } from './debtors-render';

// The merge panel is another screen with its own tests: here it only records what the list
// hands it, which is what these tests check.
const mockReceived: MergeSelection[] = [];
jest.mock('../../src/pane/merge/MergePanel', () => ({
  MergePanel: ({ selection }: { selection: MergeSelection }) => {
    mockReceived.push(selection);
    return null;
  },
}));

function lastSelection(): MergeSelection {
  const selection = mockReceived.at(-1);
  if (!selection) {
    throw new Error('MergePanel was never rendered');
  }
  return selection;
}

let server: TestServer;
let restoreLayout: () => void;

beforeAll(async () => {
  server = await startTestServer({ corsOrigins: [window.location.origin] });
  restoreLayout = installLayout();
});

afterAll(async () => {
  restoreLayout();
  await server.close();
});

beforeEach(() => {
  mockReceived.length = 0;
});

/**
 * Renders the tab with "Échéance avant le" cleared, so that the tests' expectations do not move
 * with today's date; the default itself is tested on its own.
 */
function renderTab(apiKey = API_KEY, apiUrl = server.baseUrl) {
  const rendered = renderWithSettings(<DebtorsTab />, { apiUrl, apiKey });
  fireEvent.change(screen.getByLabelText('Échéance avant le'), { target: { value: '' } });
  return rendered;
}

/** Types a calendar date the way a French user does: "2026-11-01" as "01/11/2026". */
function setDate(label: string, isoDate: string) {
  const value = isoDate.split('-').reverse().join('/');
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function search(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Rechercher' }));
}

function bodyRows(): HTMLElement[] {
  return screen.getAllByRole('row').filter((row) => row.dataset.index !== undefined);
}

/** Counts the searches the server has logged; its log names the path without the query. */
function searchRequests(): number {
  return server.logs().filter((line) => line.method === 'GET' && line.path === '/api/v1/debtors')
    .length;
}

/** Records the URL of each request the page sends from now on (the client uses XHR here). */
function watchRequestUrls(): string[] {
  const urls: string[] = [];
  const open = XMLHttpRequest.prototype.open;
  jest.spyOn(XMLHttpRequest.prototype, 'open').mockImplementation(function (
    this: XMLHttpRequest,
    method: string,
    url: string | URL,
    ...rest: unknown[]
  ) {
    urls.push(String(url));
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  });
  return urls;
}

describe('DebtorsTab: default filter', () => {
  test('a new pane looks for pieces due before today', async () => {
    const user = userEvent.setup();
    renderWithSettings(<DebtorsTab />, { apiUrl: server.baseUrl, apiKey: API_KEY });
    const today = localCalendarDate(new Date());

    expect((screen.getByLabelText('Échéance avant le') as HTMLInputElement).value).toBe(
      today.split('-').reverse().join('/'),
    );
    await search(user);
    await screen.findByText(/Nb éléments : \d+ · 0 sélectionné/);
    await user.click(screen.getByRole('checkbox', { name: 'Tout sélectionner' }));
    expect(lastSelection().filter).toEqual({ dueBefore: today });
  });
});

describe('DebtorsTab: search', () => {
  test('sends dates and kinds, lists the matches', async () => {
    const user = userEvent.setup();
    renderTab();
    const query = {
      kinds: 'invoices,creditNotes',
      dueBefore: '2026-11-01',
      invoicedFrom: '2026-01-01',
      invoicedTo: '2026-10-31',
    };
    const expected = expectedIds(server.records, query);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(expectedIds(server.records, {}).length);

    await user.click(screen.getByRole('checkbox', { name: 'Commandes' }));
    setDate('Échéance avant le', query.dueBefore);
    setDate('Date de facturation du', query.invoicedFrom);
    setDate('Date de facturation au', query.invoicedTo);
    await search(user);

    expect(
      await screen.findByText(`Nb éléments : ${expected.length} · 0 sélectionné`),
    ).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Tout sélectionner' }));
    expect(lastSelection().debtors.map((debtor) => debtor.id)).toEqual(expected);
    expect(lastSelection().filter).toEqual(query);
  });

  test('sends the texts, and Enter in a field searches', async () => {
    const user = userEvent.setup();
    renderTab();
    const record = server.records[3];
    const city = record?.client.city;
    if (!city) {
      throw new Error('demo record without a city');
    }
    const expected = expectedIds(server.records, { city: city.toLowerCase() });

    await user.type(screen.getByLabelText('Ville'), `${city.toLowerCase()}{Enter}`);

    expect(
      await screen.findByText(`Nb éléments : ${expected.length} · 0 sélectionné`),
    ).toBeTruthy();
    expect(bodyRows()[0]?.textContent).toContain(city);
  });

  test('rejects du after au before any request', async () => {
    const user = userEvent.setup();
    renderTab();
    const before = searchRequests();

    setDate('Date de facturation du', '2026-10-01');
    setDate('Date de facturation au', '2026-09-30');
    await search(user);

    expect(
      screen.getByText(/la date « du » \(01\/10\/2026\) est après la date « au »/),
    ).toBeTruthy();
    expect(screen.getByLabelText('Date de facturation au').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(searchRequests()).toBe(before);
  });

  test('rejects a date that does not exist', async () => {
    const user = userEvent.setup();
    renderTab();
    const before = searchRequests();

    fireEvent.change(screen.getByLabelText('Échéance avant le'), {
      target: { value: '31/02/2026' },
    });
    await search(user);

    expect(screen.getByText(/« Échéance avant le » : date invalide/)).toBeTruthy();
    expect(searchRequests()).toBe(before);
  });

  test('points to "Paramètres" when the key is missing', () => {
    renderTab('');

    expect(screen.getByText(/dans l’onglet « Paramètres »/)).toBeTruthy();
  });

  test('points to "Paramètres" for a rejected address', () => {
    renderTab(API_KEY, 'http://opisto.example.fr');

    expect(screen.getByText(/Corrigez les réglages dans l’onglet « Paramètres »/)).toBeTruthy();
  });

  test('shows the API’s French message for a wrong key', async () => {
    const user = userEvent.setup();
    renderTab('wrong-key-0000');

    await search(user);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Recherche impossible/);
    expect(alert.textContent).toMatch(/clé/i);
    expect(screen.queryByText(/Nb éléments/)).toBeNull();
  });

  test('keeps the previous results when a search fails', async () => {
    const user = userEvent.setup();
    renderTab();
    await search(user);
    const count = expectedIds(server.records, {}).length;
    await screen.findByText(`Nb éléments : ${count} · 0 sélectionné`);

    // Longer than the API accepts: the client refuses it before sending anything.
    fireEvent.change(screen.getByLabelText('Nom'), { target: { value: 'x'.repeat(201) } });
    await search(user);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/rien n’a été envoyé au serveur Opisto/);
    expect(alert.textContent).toMatch(/celle de la recherche précédente/);
    expect(screen.getByText(`Nb éléments : ${count} · 0 sélectionné`)).toBeTruthy();
  });
});

describe('DebtorsTab: reminder filters', () => {
  test('sends days and level, lists the matches', async () => {
    const user = userEvent.setup();
    renderTab();
    // Five days before the demo's reference date, whatever today is: the demo's reminders fall in
    // the 15 days before it.
    const days = daysBetween(REFERENCE_DATE, localCalendarDate(new Date())) + 5;
    const notRemindedSince = daysBefore(new Date(), days);
    expect(notRemindedSince).toBe(addDays(REFERENCE_DATE, -5));
    const query = { notRemindedSince, nextLevel: 'rappel2' as const };
    const expected = expectedIds(server.records, query);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(
      expectedIds(server.records, { nextLevel: 'rappel2' }).length,
    );

    await user.type(screen.getByLabelText('Pas relancé depuis'), String(days));
    await user.selectOptions(screen.getByLabelText('Niveau'), '2e rappel');
    const urls = watchRequestUrls();
    await search(user);

    expect(
      await screen.findByText(`Nb éléments : ${expected.length} · 0 sélectionné`),
    ).toBeTruthy();
    jest.restoreAllMocks();
    const [sent, ...others] = urls.map((url) => new URL(url).searchParams);
    expect(others).toEqual([]);
    expect(sent?.get('notRemindedSince')).toBe(notRemindedSince);
    expect(sent?.get('nextLevel')).toBe('rappel2');
    // Reminder filters choose debtors: the pieces of their letters are not filtered by them.
    await user.click(screen.getByRole('checkbox', { name: 'Tout sélectionner' }));
    expect(lastSelection().debtors.map((debtor) => debtor.id)).toEqual(expected);
    expect(lastSelection().filter).toEqual({});
  });

  test('rejects days that are not a whole number', async () => {
    const user = userEvent.setup();
    renderTab();
    const before = searchRequests();

    await user.type(screen.getByLabelText('Pas relancé depuis'), '2,5');
    await search(user);

    expect(
      screen.getByText(/« Pas relancé depuis » : nombre de jours invalide « 2,5 »/),
    ).toBeTruthy();
    expect(screen.getByLabelText('Pas relancé depuis').getAttribute('aria-invalid')).toBe('true');
    expect(searchRequests()).toBe(before);
  });
});

describe('DebtorsTab: reminder columns', () => {
  async function searchName(user: ReturnType<typeof userEvent.setup>, name: string) {
    renderTab();
    await user.type(screen.getByLabelText('Nom'), `${name}{Enter}`);
    await screen.findByText(/Nb éléments : 1 · /);
    return bodyRows()[0] as HTMLElement;
  }

  test('header names both columns', async () => {
    const user = userEvent.setup();
    await searchName(user, 'Moulin');

    const headers = screen.getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toEqual([
      '',
      '',
      'Nom',
      'Ville',
      'CP',
      'Solde',
      'Dernière relance',
      'Prochaine',
    ]);
  });

  test('row shows last reminder and next level', async () => {
    const user = userEvent.setup();
    const record = server.records.find((candidate) => candidate.client.lastName === 'Moulin');
    const last = record?.lastReminder;
    if (!last || last.level !== 'rappel1') {
      throw new Error('demo debtor Moulin should have had a 1er rappel');
    }

    const row = await searchName(user, 'Moulin');

    const cells = within(row).getAllByRole('gridcell');
    expect(cells.map((cell) => cell.textContent).slice(-2)).toEqual([
      `1er rappel · ${formatDate(last.date)}`,
      '2e rappel',
    ]);
    expect(within(row).queryByRole('img')).toBeNull();
  });

  test('unmatched payments: warning mark', async () => {
    const user = userEvent.setup();
    const row = await searchName(user, 'Lauragais');

    const mark = within(row).getByRole('img', { name: UNMATCHED_WARNING });
    expect(mark.getAttribute('title')).toBe(UNMATCHED_WARNING);
    expect(mark.textContent).toBe('⚠');
  });

  test('never reminded: a dash, read as such', async () => {
    const user = userEvent.setup();
    const record = server.records.find((candidate) => !candidate.lastReminder);
    const name = record?.client.companyName ?? record?.client.lastName;
    if (!name) {
      throw new Error('no demo debtor without a reminder');
    }

    const row = await searchName(user, name);

    const cell = within(row).getAllByRole('gridcell').at(-2) as HTMLElement;
    expect(cell.textContent).toBe('—jamais relancé');
    expect(within(cell).getByText('—').getAttribute('aria-hidden')).toBe('true');
    expect(within(row).getAllByRole('gridcell').at(-1)?.textContent).toBe('1er rappel');
  });
});

describe('DebtorsTab: selection and pieces', () => {
  async function searchEverything(user: ReturnType<typeof userEvent.setup>) {
    renderTab();
    await search(user);
    await screen.findByText(/Nb éléments : \d+ · 0 sélectionné/);
  }

  test('selects one, then all, with the mixed state in between', async () => {
    const user = userEvent.setup();
    await searchEverything(user);
    const all = expectedIds(server.records, {});
    const selectAll = screen.getByRole('checkbox', { name: 'Tout sélectionner' });
    const second = bodyRows()[1];
    if (!second) {
      throw new Error('fewer than two rows');
    }

    await user.click(within(second).getByRole('checkbox'));

    expect(lastSelection().debtors.map((debtor) => debtor.id)).toEqual([all[1]]);
    expect(second.getAttribute('aria-selected')).toBe('true');
    // Fluent sets the native `indeterminate`, which browsers expose as "mixed".
    expect((selectAll as HTMLInputElement).indeterminate).toBe(true);
    expect(screen.getByText(`Nb éléments : ${all.length} · 1 sélectionné`)).toBeTruthy();

    await user.click(selectAll);

    expect(lastSelection().debtors.map((debtor) => debtor.id)).toEqual(all);
    expect((selectAll as HTMLInputElement).checked).toBe(true);
    expect((selectAll as HTMLInputElement).indeterminate).toBe(false);
    expect(
      screen.getByText(`Nb éléments : ${all.length} · ${all.length} sélectionnés`),
    ).toBeTruthy();

    await user.click(selectAll);
    expect(lastSelection().debtors).toEqual([]);
  });

  test('unticked piece stays excluded across searches', async () => {
    const user = userEvent.setup();
    await searchEverything(user);
    const first = bodyRows()[0];
    if (!first) {
      throw new Error('no row');
    }
    const expand = within(first).getByRole('button');
    await user.click(within(first).getByRole('checkbox'));
    const debtorId = lastSelection().debtors[0]?.id ?? '';
    const record = server.records.find((candidate) => candidate.client.id === debtorId);

    await user.click(expand);

    expect(expand.getAttribute('aria-expanded')).toBe('true');
    const pieces = await screen.findByRole('table', { name: /^Pièces de / });
    const boxes = within(pieces).getAllByRole('checkbox');
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.every((box) => (box as HTMLInputElement).checked)).toBe(true);
    const invoice = record?.invoices.find((piece) => piece.totalCents !== piece.paidCents);
    if (!invoice) {
      throw new Error('first debtor without an open invoice');
    }

    await user.click(
      within(pieces).getByRole('checkbox', {
        name: `Inclure dans le courrier : Facture ${invoice.number}`,
      }),
    );

    expect([...(lastSelection().exclusions.get(debtorId) ?? [])]).toEqual([
      `invoice:${invoice.number}`,
    ]);

    await search(user);
    await waitFor(() => expect(screen.queryByRole('table', { name: /^Pièces de / })).toBeNull());
    expect([...(lastSelection().exclusions.get(debtorId) ?? [])]).toEqual([
      `invoice:${invoice.number}`,
    ]);
    // The closed row still says that a piece is left out.
    expect(bodyRows()[0]?.textContent).toContain('1✕ 1 pièce écartée');
  });

  test('reads the pieces with the filter of the search', async () => {
    const user = userEvent.setup();
    renderTab();
    await user.click(screen.getByRole('checkbox', { name: 'Avoirs' }));
    await user.click(screen.getByRole('checkbox', { name: 'Commandes' }));
    await search(user);
    await screen.findByText(/Nb éléments : \d+/);

    await act(async () => {
      within(bodyRows()[0] ?? document.body)
        .getByRole('button')
        .click();
    });

    const pieces = await screen.findByRole('table', { name: /^Pièces de / });
    const kinds = within(pieces)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.children[1]?.firstChild?.textContent);
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['Facture']));
  });
});
