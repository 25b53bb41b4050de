/**
 * @jest-environment jsdom
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, useState } from 'react';

import type { DebtorSummary } from '../../src/api/contract';
import {
  selectAll,
  selectedDebtors,
  toggleSelected,
  type SelectedIds,
} from '../../src/pane/debtors/debtor-selection';
import { DebtorList } from '../../src/pane/debtors/DebtorList';
import { installLayout, ROW_HEIGHT, VIEW_HEIGHT } from './debtors-render';

const COUNT = 5000;

function makeDebtors(count: number): DebtorSummary[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `C-${String(index).padStart(5, '0')}`,
    displayName: `Client ${String(index).padStart(5, '0')}`,
    city: 'TOULOUSE',
    postalCode: '31000',
    balanceCents: 155412 + index,
    lastReminder: null,
    nextLevel: 'rappel1',
    hasUnmatchedPayments: false,
  }));
}

let chosen: DebtorSummary[] = [];

/** The list with the tab's selection logic around it, recording what would be merged. */
function Harness({ debtors }: { debtors: readonly DebtorSummary[] }) {
  const [selected, setSelected] = useState<SelectedIds>(() => new Set());
  useEffect(() => {
    chosen = selectedDebtors(debtors, selected);
  }, [debtors, selected]);

  return (
    <DebtorList
      debtors={debtors}
      selected={selected}
      exclusions={new Map()}
      loadRecord={() => Promise.reject(new Error('no record in this test'))}
      onSelect={(id, checked) => setSelected((previous) => toggleSelected(previous, id, checked))}
      onSelectAll={(checked) => setSelected(selectAll(debtors, checked))}
      onExclude={() => undefined}
    />
  );
}

function renderList(debtors = makeDebtors(COUNT)) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <Harness debtors={debtors} />
    </FluentProvider>,
  );
}

function bodyRows(): HTMLElement[] {
  return screen.getAllByRole('row').filter((row) => row.dataset.index !== undefined);
}

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = installLayout();
});
afterAll(() => restoreLayout());

describe('DebtorList with 5,000 debtors', () => {
  test('renders only the rows of the window, and counts them all', () => {
    renderList();

    const rows = bodyRows();
    expect(rows.length).toBeGreaterThanOrEqual(VIEW_HEIGHT / ROW_HEIGHT);
    expect(rows.length).toBeLessThan(30);
    expect(screen.getByText('Nb éléments : 5000 · 0 sélectionné')).toBeTruthy();
    expect(screen.getByRole('grid', { name: 'Débiteurs' }).getAttribute('aria-rowcount')).toBe(
      '5001',
    );
    expect(rows[0]?.textContent).toContain('1\u00a0554,12');
  });

  test('"Tout sélectionner" picks every debtor, rendered or not, in list order', async () => {
    const user = userEvent.setup();
    const debtors = makeDebtors(COUNT);
    renderList(debtors);

    await user.click(screen.getByRole('checkbox', { name: 'Tout sélectionner' }));

    expect(chosen).toHaveLength(COUNT);
    expect(chosen.at(-1)?.id).toBe('C-04999');
    expect(screen.getByText('Nb éléments : 5000 · 5000 sélectionnés')).toBeTruthy();
  });

  test('is used from the keyboard: Tab in, arrows between rows, Space to select', async () => {
    const user = userEvent.setup();
    renderList();

    await user.tab();
    expect(document.activeElement).toBe(
      screen.getByRole('checkbox', { name: 'Tout sélectionner' }),
    );
    await user.tab();
    expect(document.activeElement).toBe(
      screen.getByRole('checkbox', { name: 'Sélectionner Client 00000' }),
    );

    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(
      screen.getByRole('checkbox', { name: 'Sélectionner Client 00002' }),
    );
    await user.keyboard(' ');
    expect(chosen.map((debtor) => debtor.id)).toEqual(['C-00002']);

    await user.tab();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Pièces de Client 00002' }),
    );
    await user.keyboard('{End}');
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Pièces de Client 04999' }),
      ),
    );
    expect(bodyRows().length).toBeLessThan(30);
  });
});
