/**
 * The committed conformance cases: for each, a small template and a record derived from the
 * contract's example record. `scripts/build-conformance-cases.ts` writes them under
 * `test/conformance/cases/`, and a test checks that the committed files are up to date.
 */
import { A4_SECTION, paragraph, run } from '../fixtures/make-docx';
import example from '../../../shared/spec/example-record.json';
import {
  makeCaseDocx,
  sectionBreak,
  table,
  textBoxParagraph,
  type CaseDocxParts,
} from './case-docx';

type ExampleClient = typeof example.client;

/** A record in the contract's JSON shape, before validation; the example's nulls may be text. */
export type RecordJson = Omit<typeof example, 'client'> & {
  client: Omit<ExampleClient, 'address2' | 'phone2'> & {
    address2: string | null;
    phone2: string | null;
    isProfessional?: boolean | null;
  };
};

export type CaseDefinition = {
  /** Folder name, French kebab-case. */
  name: string;
  /** What the case checks, for the reader of the definitions. */
  about: string;
  template: CaseDocxParts;
  changeRecord?: (record: RecordJson) => void;
};

/** A built case: the template's bytes and the record's JSON. */
export type BuiltCase = { name: string; template: Uint8Array; record: RecordJson };

/** Returns a copy of the example record with a change applied. */
export function exampleRecord(change: (record: RecordJson) => void = () => undefined) {
  const record: RecordJson = structuredClone(example);
  change(record);
  return record;
}

export function buildCase(definition: CaseDefinition): BuiltCase {
  return {
    name: definition.name,
    template: makeCaseDocx(definition.template),
    record: exampleRecord(definition.changeRecord),
  };
}

const p = (text: string) => paragraph(text);

const ADDRESS_BLOCK = [
  p('opistoclientnomcomplet'),
  p('opistoclientadresse1'),
  p('opistoclientadresse2'),
  p('opistoclientcp opistoclientville'),
].join('');

const PROOF = (type: string) => `<w:proofErr w:type="${type}"/>`;

const LIST_CASES: CaseDefinition[] = [
  {
    name: 'liste-factures',
    about: 'invoices, one partly paid, with thousands grouped by a no-break space',
    template: { body: p('Factures en attente :') + p('opistolistefactures') },
    changeRecord: (record) => {
      record.invoices.push({
        number: '518100009',
        date: '2018-09-01',
        dueDate: '2018-10-01',
        totalCents: 250000,
        paidCents: 100050,
      });
    },
  },
  {
    name: 'liste-avoirs',
    about: 'credit notes, one partly used',
    template: { body: p('Vos avoirs :') + p('opistolisteavoirs') },
    changeRecord: (record) => {
      record.creditNotes.push({
        number: 'AV-0002',
        date: '2018-09-15',
        dueDate: '2018-09-15',
        totalCents: -12000,
        usedCents: -2000,
      });
    },
  },
  {
    name: 'liste-factures-avoirs',
    about: 'the combined list, credit notes netted against invoices (total 56,36)',
    template: { body: p('Situation de votre compte :') + p('opistolistefacturesavoirs') },
  },
  {
    name: 'liste-transactions',
    about: 'orders and proformas, and a kind the catalog does not know',
    template: { body: p('Vos commandes :') + p('opistolistetransactions') },
    changeRecord: (record) => {
      record.transactions.push(
        { ...transaction('PRO-2018-0007', 'proforma'), totalCents: 15000, paidCents: 0 },
        { ...transaction('DEV-2018-0003', 'devis'), totalCents: 9900, paidCents: 9900 },
      );
    },
  },
  {
    name: 'liste-vide',
    about: 'a client with nothing to list gets a sentence for each list, never an empty table',
    template: {
      body: ['opistolistefactures', 'opistolisteavoirs', 'opistolistefacturesavoirs']
        .concat('opistolistetransactions')
        .map(p)
        .join(''),
    },
    changeRecord: (record) => {
      record.invoices = [];
      record.creditNotes = [];
      record.transactions = [];
    },
  },
  {
    name: 'liste-dans-phrase',
    about: 'a list word inside a sentence: the paragraph is split around the table',
    template: {
      body: p('Voici le détail : opistolistefactures Merci de votre règlement.'),
    },
  },
  {
    name: 'deux-listes-meme-paragraphe',
    about: 'two list words in one paragraph, with text between them',
    template: { body: p('Factures : opistolistefactures Avoirs : opistolisteavoirs') },
  },
];

function transaction(number: string, type: string) {
  return { number, type, date: '2018-10-20', dueDate: '2018-11-20' };
}

const STORY_CASES: CaseDefinition[] = [
  {
    name: 'champs-dans-tableau',
    about: 'text fields in table cells, and a list word in a cell (a table nested in the cell)',
    template: {
      body:
        table([
          [p('Client'), p('opistoclientnomcomplet')],
          [p('Adresse'), p('opistoclientadresse1') + p('opistoclientcp opistoclientville')],
          [p('Factures'), p('opistolistefactures')],
        ]) + p('Cordialement,'),
    },
  },
  {
    name: 'en-tetes-et-pieds',
    about: 'headers and footers of every kind in a first section, and a second section',
    template: {
      settings: '<w:evenAndOddHeaders/>',
      body:
        p('Première section : opistoclientnom') +
        sectionBreak({ references: firstSectionReferences(), titlePage: true }) +
        p('Seconde section : opistoclientville'),
      headerFooters: [
        story('h1', 'header', p('opistoclientadresse2') + p('En-tête : opistoclientnomcomplet')),
        story('h2', 'header', p('En-tête de première page, le opistodatejour')),
        story('h3', 'header', p('En-tête des pages paires : opistoclientcp')),
        story('f1', 'footer', p('Pied de page : opistoclientmail')),
        story('f2', 'footer', p('Pied de première page : SIRET opistoclientsiret')),
        story('f3', 'footer', p('Pied des pages paires : TVA opistoclientnumtva')),
        story('h4', 'header', p('En-tête de la seconde section : opistoclientville')),
        story('f4', 'footer', p('Pied de la seconde section : opistoclienttelprincipal')),
      ],
      finalSection: {
        references: [
          { kind: 'header', type: 'default', id: 'h4' },
          { kind: 'footer', type: 'default', id: 'f4' },
        ],
      },
    },
  },
];

function story(id: string, kind: 'header' | 'footer', content: string) {
  return { id, kind, content };
}

function firstSectionReferences() {
  const types = ['default', 'first', 'even'] as const;
  return types.flatMap((type, index) => [
    { kind: 'header' as const, type, id: `h${index + 1}` },
    { kind: 'footer' as const, type, id: `f${index + 1}` },
  ]);
}

const WORD_CASES: CaseDefinition[] = [
  {
    name: 'mot-coupe-en-runs',
    about: 'field words split over runs of different formatting, with spell-check marks',
    template: {
      body:
        '<w:p>' +
        run('Client : ') +
        PROOF('spellStart') +
        run('opisto') +
        run('client', '<w:b/><w:bCs/>') +
        run('nom', '<w:i/><w:iCs/>') +
        run('complet', '<w:u w:val="single"/>') +
        PROOF('spellEnd') +
        run('.') +
        '</w:p>' +
        `<w:p>${run('opistoliste')}${run('factures', '<w:b/><w:bCs/>')}</w:p>`,
    },
  },
  {
    name: 'majuscule-et-prefixes',
    about: 'capitalised and upper-case field words, and a field word next to a longer one',
    template: {
      body:
        p('Opistoclientnom, bonjour.') +
        p('opistoclientnom / opistoclientnomcomplet / opistoclientnom') +
        p('OPISTOCLIENTVILLE') +
        p('Opistolistefacturesavoirs'),
    },
  },
  {
    name: 'alias-tel-secondaire',
    about: 'opistoclientsecondaire, the back office spelling, next to opistoclienttelsecondaire',
    template: {
      body: p(
        'Tél. : opistoclienttelprincipal / opistoclientsecondaire / opistoclienttelsecondaire',
      ),
    },
    changeRecord: (record) => {
      record.client.phone2 = '06 00 00 00 02';
    },
  },
  {
    name: 'mot-inconnu',
    about: 'an unknown word starting with opisto is left as it is',
    template: { body: p('Ville : opistoclientvile') + p('Code postal : opistoclientcp') },
  },
  {
    name: 'champs-texte-tous',
    about: 'every text field once, with a discount of 2,5 % and a secondary phone',
    template: { body: allTextFields() },
    changeRecord: (record) => {
      record.client.discountPercent = 2.5;
      record.client.phone2 = '06 00 00 00 02';
      record.client.address2 = 'Zone artisanale';
    },
  },
];

function allTextFields(): string {
  const fields = [
    'prenom',
    'nom',
    'nomcomplet',
    'raisonsociale',
    'adresse1',
    'adresse2',
    'cp',
    'ville',
    'solde',
    'encoursaccorde',
    'mail',
    'numtva',
    'remisepourcent',
    'telprincipal',
    'telsecondaire',
    'siret',
  ];
  const lines = fields.map((field) => p(`${field} : opistoclient${field}`));
  return lines.join('') + p('date : opistodatejour');
}

const VALUE_CASES: CaseDefinition[] = [
  {
    name: 'valeur-sur-deux-lignes',
    about: 'a value with a line break keeps it as a line break inside its paragraph',
    template: { body: ADDRESS_BLOCK },
    changeRecord: (record) => {
      record.client.address1 = '12 rue des Lilas\nBâtiment B';
    },
  },
  {
    name: 'caracteres-speciaux',
    about: 'characters XML escapes, quotes, and a control character XML cannot hold',
    template: {
      body: p('opistoclientnomcomplet') + p('Société opistoclientraisonsociale, opistoclientville'),
    },
    changeRecord: (record) => {
      record.client.companyName = 'Durand & Fils <SARL> "Le Garage" l\'Atelier';
      record.client.city = 'TOULOUSE\u0007 CEDEX';
    },
  },
];

const BLANK_LINE_CASES: CaseDefinition[] = [
  {
    name: 'ligne-vide-entre-tableaux',
    about: 'a blank line removed between two tables, which Word would otherwise join into one',
    template: {
      body:
        table([[p('Première')]]) + p('opistoclientadresse2') + table([[p('Seconde')]]) + p('fin'),
    },
  },
  {
    name: 'sauts-de-ligne-word',
    about: 'Word’s manual line break (U+000B), CR LF and the Unicode line separator in values',
    template: { body: ADDRESS_BLOCK },
    changeRecord: (record) => {
      record.client.address1 = '12 rue des Lilas\u000bBâtiment B';
      record.client.address2 = 'Zone artisanale\r\nHall 3\u2028Porte 2';
    },
  },
  {
    name: 'ligne-vide-avec-symbole',
    about: 'a blank field beside a symbol: the paragraph stays, because it shows more than text',
    template: {
      body:
        p('avant') +
        '<w:p><w:r><w:sym w:font="Wingdings" w:char="F028"/></w:r>' +
        `${run('opistoclientadresse2')}</w:p>` +
        p('après'),
    },
  },
];

/**
 * One template with conditional paragraphs everywhere the document may need them: in the body,
 * in a table cell, ending a section, ending the body, around lists, in a header and a footer.
 */
const CONDITIONS_TEMPLATE: CaseDocxParts = {
  body:
    p('Madame, Monsieur opistoclientnom,') +
    p('opistosipro Indemnité forfaitaire : opistoindemniterecouvrement €.') +
    `<w:p>${run('Opisto', '<w:b/><w:bCs/>')}${run('SiParticulier  Aucune indemnité.')}</w:p>` +
    p('opistosipro opistoclientadresse2') +
    table([
      [
        p('opistosipro Réservé aux professionnels'),
        p('opistosiparticulier Réservé aux particuliers') + p('Commun'),
      ],
    ]) +
    `<w:p><w:pPr>${A4_SECTION}</w:pPr>${run('opistosiparticulier Fin de section.')}</w:p>` +
    p('opistosipro opistolistefactures') +
    p('opistosiparticulier Vos avoirs : opistolisteavoirs') +
    p('Salutations.') +
    p('opistosiparticulier Post-scriptum.'),
  headerFooters: [
    story('h1', 'header', p('opistosipro En-tête pro') + p('opistosiparticulier En-tête')),
    story('f1', 'footer', p('opistosiparticulier Pied') + p('Pied commun : opistoclientville')),
  ],
  finalSection: {
    references: [
      { kind: 'header', type: 'default', id: 'h1' },
      { kind: 'footer', type: 'default', id: 'f1' },
    ],
  },
};

const CONDITION_CASES: CaseDefinition[] = [
  {
    name: 'conditions-professionnel',
    about: 'a professional keeps the opistosipro paragraphs, and its lists, without the word',
    template: CONDITIONS_TEMPLATE,
    changeRecord: (record) => {
      record.client.isProfessional = true;
    },
  },
  {
    name: 'conditions-particulier',
    about: 'a consumer keeps the opistosiparticulier paragraphs; the others go or are emptied',
    template: CONDITIONS_TEMPLATE,
    changeRecord: (record) => {
      record.client.isProfessional = false;
    },
  },
];

const FALLBACK_CASES: CaseDefinition[] = [
  {
    name: 'mot-colle-a-un-trait',
    about: 'a field word glued to a non-breaking hyphen, which Word.js text does not show alike',
    template: {
      body:
        `<w:p>${run('opistoclientnom')}<w:r><w:noBreakHyphen/></w:r>${run('suite')}</w:p>` +
        p('fin'),
    },
  },
  {
    name: 'liste-fin-de-section',
    about: 'a list word in the paragraph that ends a section, which Word.js cannot split there',
    template: {
      body: `<w:p><w:pPr>${A4_SECTION}</w:pPr>${run('opistolistefactures')}</w:p>` + p('fin'),
    },
  },
];

const DOCX_ONLY_CASES: CaseDefinition[] = [
  {
    name: 'zone-de-texte',
    about: 'a field word in a text box, which Word.js search cannot reach',
    template: {
      body: textBoxParagraph('Destinataire :', p('opistoclientnomcomplet')) + p('opistoclientcp'),
    },
  },
  {
    name: 'note-de-bas-de-page',
    about: 'a field word in a footnote, which Word.js search cannot reach',
    template: {
      body:
        `<w:p>${run('Voir la note.')}<w:r><w:footnoteReference w:id="1"/></w:r></w:p>` +
        p('opistoclientnom'),
      footnote: p('SIRET : opistoclientsiret'),
    },
  },
];

/** Every committed case, the worked example first. */
export const CASES: readonly CaseDefinition[] = [
  {
    name: 'exemple-complet',
    about: 'the worked example: the empty address line 2 disappears, the invoice list',
    template: {
      body:
        ADDRESS_BLOCK +
        p('') +
        p('Toulouse, le opistodatejour') +
        p('Madame, Monsieur,') +
        p(
          'Sauf erreur de notre part, le règlement des factures suivantes ' +
            'ne nous est pas parvenu :',
        ) +
        p('opistolistefactures') +
        p('Votre solde s’élève à opistoclientsolde euros.'),
    },
  },
  ...LIST_CASES,
  ...STORY_CASES,
  ...WORD_CASES,
  ...VALUE_CASES,
  ...BLANK_LINE_CASES,
  ...CONDITION_CASES,
  ...DOCX_ONLY_CASES,
  ...FALLBACK_CASES,
];

/** Serialises a record as a case's `record.json`: indented by two spaces, as Prettier writes. */
export function recordText(record: RecordJson): string {
  // JSON.stringify leaves the line and paragraph separators raw, and they are invisible in a file.
  const json = JSON.stringify(record, null, 2).replace(
    /[\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16)}`,
  );
  return `${json}\n`;
}
