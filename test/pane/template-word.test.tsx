/**
 * @jest-environment jsdom
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { FIELD_NAMES } from '../../src/merge/fields';
import { summarizeDocx } from '../../src/pane/template/template-file';
import { TemplateTab } from '../../src/pane/template/TemplateTab';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { paragraphTexts } from '../word-fake/helpers';
import { FakeWord } from '../word-fake';
import {
  docxFile,
  renderInPane,
  serveStarterTemplates,
  starterBytes,
  wordEnvironment,
} from './template-render';

const TEMPLATE = makeDocx({
  body:
    paragraph('Madame opistoclientnom,') +
    paragraph('opistoclientcp opistoclientvile') +
    paragraph('Nous vous rappelons, Madame opistoclientnom, le solde dû.'),
  header: paragraph('Dossier opistoclientnumtva'),
});

function renderTab(fake: FakeWord) {
  renderInPane(<TemplateTab />, wordEnvironment(fake));
  return userEvent.setup();
}

async function checkTemplate(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Vérifier le modèle' }));
  return screen.findByRole('list', { name: 'Champs trouvés' });
}

function itemTexts(list: HTMLElement): string[] {
  return within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '');
}

describe('template check inside Word', () => {
  test('lists fields, counts and unknown words', async () => {
    const user = renderTab(new FakeWord(TEMPLATE));

    const found = await checkTemplate(user);

    expect(itemTexts(found)).toEqual([
      'opistoclientnom2 fois',
      'opistoclientcp1 fois',
      'opistoclientnumtva1 fois',
    ]);
    const unknown = screen.getByRole('list', { name: 'Mots inconnus' });
    expect(itemTexts(unknown)).toEqual(['opistoclientvile→ opistoclientville ? · 1 fois']);
  });

  test('click selects the word', async () => {
    const fake = new FakeWord(TEMPLATE);
    const user = renderTab(fake);
    await checkTemplate(user);

    await user.click(
      screen.getByRole('button', { name: 'Sélectionner opistoclientvile dans le document' }),
    );

    expect(fake.selection).toEqual({ text: 'opistoclientvile' });
    expect(screen.getByRole('status').textContent).toContain('est sélectionné dans le document');
  });

  test('word no longer in the document', async () => {
    const fake = new FakeWord(TEMPLATE);
    const user = renderTab(fake);
    await checkTemplate(user);
    await fake.run(async (context) => {
      const found = context.document.body.search('opistoclientvile').load('items');
      await context.sync();
      found.items[0]?.insertText('opistoclientville', 'Replace');
    });

    await user.click(
      screen.getByRole('button', { name: 'Sélectionner opistoclientvile dans le document' }),
    );

    expect(fake.selection).toBeNull();
    expect(screen.getByRole('status').textContent).toContain(
      '« opistoclientvile » n’est plus dans le document',
    );
  });
});

describe('field list inside Word', () => {
  test('inserts a field at the cursor', async () => {
    const fake = new FakeWord(TEMPLATE);
    fake.placeCursorAfter('Madame ');
    const user = renderTab(fake);

    await user.click(screen.getByRole('button', { name: 'Insérer opistoclientprenom' }));

    expect(paragraphTexts(fake.openDocument.toDocx())[0]).toBe(
      'Madame opistoclientprenom opistoclientnom,',
    );
    expect(screen.getByRole('status').textContent).toContain(
      'opistoclientprenom est inséré à l’emplacement du curseur',
    );
  });

  test('search filters without accents', async () => {
    const user = renderTab(new FakeWord(TEMPLATE));
    const list = screen.getByRole('list', { name: 'Champs disponibles' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(FIELD_NAMES.length);

    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un champ' }), 'telephone');

    expect(itemTexts(list)).toEqual([
      'opistoclienttelprincipalTéléphone principalInsérer',
      'opistoclienttelsecondaireTéléphone secondaireInsérer',
    ]);
  });

  test('search matching nothing', async () => {
    const user = renderTab(new FakeWord(TEMPLATE));

    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un champ' }), 'zzz');

    expect(screen.getByText('Aucun champ ne correspond à « zzz ».')).toBeTruthy();
  });
});

describe('"Nouveau modèle" inside Word', () => {
  test('opens a starter as a new document', async () => {
    const requested = serveStarterTemplates();
    const fake = new FakeWord(TEMPLATE);
    const user = renderTab(fake);

    await user.click(
      screen.getByRole('button', { name: 'Ouvrir le modèle « Relance 2e rappel »' }),
    );

    expect(await screen.findByRole('status')).toBeTruthy();
    expect(requested).toEqual(['templates/relance-2e-rappel.docx']);
    expect(fake.createdDocuments).toHaveLength(1);
    const created = fake.createdDocuments[0]!;
    expect(created.opened).toBe(true);
    expect(summarizeDocx(created.toDocx())).toEqual(
      summarizeDocx(starterBytes('Relance 2e rappel')),
    );
    // The open document is left as it was.
    expect(paragraphTexts(fake.openDocument.toDocx())).toEqual(paragraphTexts(TEMPLATE));
  });

  test('open failure gives a French error', async () => {
    serveStarterTemplates();
    const fake = new FakeWord(TEMPLATE, { profile: 'web', openFails: true });
    const user = renderTab(fake);

    await user.click(screen.getByRole('button', { name: 'Ouvrir le modèle « Mise en demeure »' }));

    expect((await screen.findByRole('alert')).textContent).toContain(
      'Word n’a pas pu ouvrir le nouveau document',
    );
  });
});

describe('template for the merge inside Word', () => {
  test('picked .docx replaces the open document', async () => {
    const user = renderTab(new FakeWord(TEMPLATE, { profile: 'web' }));
    expect(screen.getByText('Modèle pour la fusion : le document ouvert dans Word.')).toBeTruthy();

    await user.upload(
      screen.getByLabelText('Choisir un fichier .docx'),
      docxFile('Relance.docx', TEMPLATE),
    );

    expect((await screen.findByRole('status')).textContent).toContain(
      '« Relance.docx » servira de modèle pour la fusion',
    );
    expect(screen.getByText('Relance.docx', { selector: 'strong' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Utiliser le document ouvert' }));

    expect(screen.getByText('Modèle pour la fusion : le document ouvert dans Word.')).toBeTruthy();
  });
});
