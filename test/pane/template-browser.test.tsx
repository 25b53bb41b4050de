/**
 * @jest-environment jsdom
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { FIELD_NAMES } from '../../src/merge/fields';
import { App } from '../../src/pane/app/App';
import { usePane } from '../../src/pane/app/pane-context';
import { filterFields } from '../../src/pane/template/field-descriptions';
import { TemplateTab } from '../../src/pane/template/TemplateTab';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { docxFile, renderInPane, serveStarterTemplates, starterBytes } from './template-render';

const BROWSER = { kind: 'browser' } as const;

/** Shows the choice the merge will receive, as the merge panel reads it. */
function ChosenTemplate() {
  const { template } = usePane();
  const text = template?.kind === 'file' ? `${template.name} (${template.bytes.length})` : 'none';
  return <output aria-label="choix pour la fusion">{text}</output>;
}

function renderTab() {
  renderInPane(
    <>
      <TemplateTab />
      <ChosenTemplate />
    </>,
    BROWSER,
  );
  return userEvent.setup();
}

function chosen(): string {
  return screen.getByRole('status', { name: 'choix pour la fusion' }).textContent ?? '';
}

function itemTexts(name: string): string[] {
  return within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '');
}

describe('template choice in a plain browser', () => {
  test('picked .docx is summarised and chosen', async () => {
    const template = makeDocx({
      body: paragraph('opistoclientnomcomplet') + paragraph('Opistoclientsiret opistoclientsolde'),
      footer: paragraph('opistoclientnomcomplet opistoclientadrese1'),
    });
    const user = renderTab();
    expect(screen.getByText('Aucun modèle choisi.')).toBeTruthy();

    await user.upload(
      screen.getByLabelText('Choisir un fichier .docx'),
      docxFile('Mon modèle.docx', template),
    );

    expect(await screen.findByText('Mon modèle.docx', { selector: 'strong' })).toBeTruthy();
    expect(itemTexts('Champs trouvés')).toEqual([
      'opistoclientnomcomplet2 fois',
      'opistoclientsiret1 fois',
      'opistoclientsolde1 fois',
    ]);
    expect(itemTexts('Mots inconnus')).toEqual([
      'opistoclientadrese1→ opistoclientadresse1 ? · 1 fois',
    ]);
    expect(chosen()).toBe(`Mon modèle.docx (${template.length})`);
  });

  test('real starter file gives its summary', async () => {
    const user = renderTab();

    await user.upload(
      screen.getByLabelText('Choisir un fichier .docx'),
      docxFile('Relance 1er rappel.docx', starterBytes('Relance 1er rappel')),
    );

    const fields = (await screen.findByRole('list', { name: 'Champs trouvés' })).textContent;
    expect(fields).toContain('opistoclientnomcomplet');
    expect(fields).toContain('opistolistefactures');
    expect(screen.getByText('Aucun mot inconnu.')).toBeTruthy();
  });

  test('non-docx file: French error, choice kept', async () => {
    const user = renderTab();
    const good = makeDocx({ body: paragraph('opistoclientnom') });
    const input = screen.getByLabelText('Choisir un fichier .docx');
    await user.upload(input, docxFile('Bon.docx', good));
    await screen.findByText('Bon.docx', { selector: 'strong' });

    // The input accepts .docx only; a user can still pick "all files" in the dialog.
    await userEvent.setup({ applyAccept: false }).upload(input, new File(['Bonjour'], 'notes.txt'));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      '« notes.txt » : Le modèle n’est pas un document Word (.docx) lisible.',
    );
    expect(chosen()).toBe(`Bon.docx (${good.length})`);
  });

  test('a starter template can be chosen', async () => {
    const requested = serveStarterTemplates();
    const user = renderTab();

    await user.click(
      screen.getByRole('button', { name: 'Utiliser le modèle « Mise en demeure »' }),
    );

    expect(await screen.findByText('Mise en demeure.docx', { selector: 'strong' })).toBeTruthy();
    expect(requested).toEqual(['templates/mise-en-demeure.docx']);
    expect(chosen()).toBe(`Mise en demeure.docx (${starterBytes('Mise en demeure').length})`);
    expect(itemTexts('Champs trouvés').length).toBeGreaterThan(3);
  });

  test('unreachable starter template: French error', async () => {
    window.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const user = renderTab();

    await user.click(
      screen.getByRole('button', { name: 'Utiliser le modèle « Relance 1er rappel »' }),
    );

    expect((await screen.findByRole('alert')).textContent).toContain(
      'Le modèle de départ « relance-1er-rappel.docx » n’a pas pu être chargé.',
    );
    expect(chosen()).toBe('none');
  });

  test('choice survives a tab change', async () => {
    renderInPane(<App />, BROWSER);
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Modèle' }));
    await user.upload(
      screen.getByLabelText('Choisir un fichier .docx'),
      docxFile('Relance.docx', makeDocx({ body: paragraph('opistoclientville') })),
    );
    await screen.findByText('Relance.docx', { selector: 'strong' });

    await user.click(screen.getByRole('tab', { name: 'Paramètres' }));
    await user.click(screen.getByRole('tab', { name: 'Modèle' }));

    expect(screen.getByText('Relance.docx', { selector: 'strong' })).toBeTruthy();
    expect(itemTexts('Champs trouvés')).toEqual(['opistoclientville1 fois']);
  });
});

describe('field list in a plain browser', () => {
  test('"Copier" copies the field name', async () => {
    const user = renderTab();

    await user.click(screen.getByRole('button', { name: 'Copier opistoclientville' }));

    expect(await navigator.clipboard.readText()).toBe('opistoclientville');
    expect(screen.getByRole('status', { name: '' }).textContent).toContain(
      'opistoclientville est copié',
    );
  });

  test('filter matches every word of the search', () => {
    expect(filterFields('')).toHaveLength(FIELD_NAMES.length);
    expect(filterFields('').every((entry) => entry.description.length > 0)).toBe(true);
    expect(filterFields('tableau avoirs').map((entry) => entry.field)).toEqual([
      'opistolisteavoirs',
      'opistolistefacturesavoirs',
    ]);
    expect(filterFields('  OPISTOCLIENTCP ').map((entry) => entry.field)).toEqual([
      'opistoclientcp',
    ]);
  });
});
