/**
 * @jest-environment jsdom
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { DebtorsTab } from '../../src/pane/debtors/DebtorsTab';
import type { MergeSelection } from '../../src/pane/state/selection';
import { API_KEY, expectedIds, startTestServer, type TestServer } from '../server/helpers';
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

function renderTab(apiKey = API_KEY, apiUrl = server.baseUrl) {
  return renderWithSettings(<DebtorsTab />, { apiUrl, apiKey });
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

function searchRequests(): number {
  return server.logText().split('/api/v1/debtors?').length - 1;
}

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
