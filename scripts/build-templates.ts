/**
 * Builds the three bundled starter letters (1er rappel, 2e rappel, mise en demeure) into
 * assets/templates/ as .docx files, from the letter texts below.
 *
 * Run: npx tsx scripts/build-templates.ts
 *
 * The field words are typed as plain lower-case words, as a user types them in Word, so the
 * templates exercise the same search as a user's own letter. The sender is a fictitious company:
 * every number in its legal mentions is made of zeros.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type IParagraphStyleOptions,
  type IRunOptions,
  type IStylesOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

const OUTPUT_DIR = join(__dirname, '..', 'assets', 'templates');

/**
 * Fixed timestamp for the package's properties and zip entries, so that a rebuild changes no byte.
 */
const BUILD_TIMESTAMP = '2026-01-01T00:00:00Z';

const SENDER = {
  name: 'Casse Auto du Lauragais',
  legalName: 'Casse Auto du Lauragais SARL',
  activity: 'Démolition automobile · Pièces auto d’occasion garanties',
  street: '18 chemin des Ferrailleurs',
  city: '31400 Toulouse',
  phone: '05 00 00 00 00',
  email: 'compta@example.fr',
  iban: 'FR76 0000 0000 0000 0000 0000 000',
  bic: 'FAKEFRPPXXX',
  legalMentions: [
    'Casse Auto du Lauragais SARL au capital de 10 000 € · 18 chemin des Ferrailleurs, ' +
      '31400 Toulouse',
    'RCS Toulouse 000 000 000 · SIRET 000 000 000 00000 · TVA intracommunautaire ' +
      'FR00 000000000 · APE 3831Z · Centre VHU agréé n° PR 31 00000 D',
  ],
};

/** Page geometry in twips (1 cm = 567 twips): A4, 2.25 cm side margins. */
const PAGE = {
  width: 11906,
  height: 16838,
  marginTop: 2552,
  marginBottom: 1701,
  marginSide: 1276,
  header: 624,
  footer: 454,
};
const TEXT_WIDTH = PAGE.width - 2 * PAGE.marginSide;

/**
 * Left indent of the recipient block, the date and the signature. It puts the address 11 cm from
 * the page's left edge, where the window of a right-window DL envelope usually is.
 */
const RIGHT_BLOCK_INDENT = 4961;

const FONT = 'Calibri';
const ACCENT_COLOR = '1F4E79';
const MUTED_COLOR = '595959';

const NO_BREAK_SPACE = '\u00a0';
const NARROW_NO_BREAK_SPACE = '\u202f';

/**
 * Applies French typography to a source string. A no-break space goes before a colon and €,
 * inside « » and between digit groups, and a narrow no-break space before ; ! and ?.
 * Straight apostrophes become typographic ones. The letter texts below use plain spaces so that
 * they stay readable.
 */
function typeset(text: string): string {
  return text
    .replace(/ :/g, `${NO_BREAK_SPACE}:`)
    .replace(/ ([;!?])/g, `${NARROW_NO_BREAK_SPACE}$1`)
    .replace(/« /g, `«${NO_BREAK_SPACE}`)
    .replace(/ »/g, `${NO_BREAK_SPACE}»`)
    .replace(/ €/g, `${NO_BREAK_SPACE}€`)
    .replace(/(\d) (?=\d)/g, `$1${NO_BREAK_SPACE}`)
    .replace(/n° /g, `n°${NO_BREAK_SPACE}`)
    .replace(/'/g, '’');
}

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ ...options, text: typeset(text) });
}

/** Builds a justified body paragraph of one sentence run, the way a user types it. */
function bodyParagraph(text: string, options: IParagraphOptions = {}): Paragraph {
  return new Paragraph({ ...options, children: [run(text)] });
}

function styledParagraph(style: string, text: string, options: IParagraphOptions = {}): Paragraph {
  return new Paragraph({ ...options, style, children: [run(text)] });
}

/** "1er", "2e": the ordinal's letters in superscript, as French typography writes them. */
function ordinalRuns(figure: string, suffix: string): TextRun[] {
  return [run(figure), run(suffix, { superScript: true })];
}

/** Styles of the text column: body text, subject line, lists, closing formula. */
const BODY_STYLES: IParagraphStyleOptions[] = [
  {
    id: 'Normal',
    name: 'Normal',
    quickFormat: true,
    paragraph: { alignment: AlignmentType.JUSTIFIED },
  },
  {
    id: 'Subject',
    name: 'Objet',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 60 }, keepNext: true },
    run: { bold: true },
  },
  {
    id: 'Reference',
    name: 'Références',
    basedOn: 'Normal',
    next: 'Normal',
    paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 60 }, keepNext: true },
    run: { color: MUTED_COLOR },
  },
  {
    id: 'Salutation',
    name: 'Salutation',
    basedOn: 'Normal',
    next: 'Normal',
    paragraph: { spacing: { before: 360, after: 240 }, keepNext: true },
  },
  {
    id: 'ListParagraph',
    name: 'List Paragraph',
    basedOn: 'Normal',
    quickFormat: true,
    // Contextual spacing drops the space between items and keeps it after the last one.
    paragraph: { indent: { left: 567, hanging: 284 }, contextualSpacing: true },
  },
  {
    id: 'BankDetails',
    name: 'Coordonnées bancaires',
    basedOn: 'Normal',
    next: 'Normal',
    paragraph: { alignment: AlignmentType.LEFT, indent: { left: 567 } },
    run: { bold: true },
  },
  {
    id: 'Closing',
    name: 'Formule de politesse',
    basedOn: 'Normal',
    next: 'Signature',
    paragraph: { spacing: { before: 240, after: 480 }, keepNext: true, keepLines: true },
  },
];

/** Styles of the blocks set at the envelope-window indent: address, date, signature. */
const ADDRESS_STYLES: IParagraphStyleOptions[] = [
  {
    id: 'Recipient',
    name: 'Destinataire',
    basedOn: 'Normal',
    quickFormat: true,
    paragraph: {
      alignment: AlignmentType.LEFT,
      indent: { left: RIGHT_BLOCK_INDENT },
      spacing: { after: 0 },
      keepNext: true,
    },
  },
  {
    id: 'DateLine',
    name: 'Lieu et date',
    basedOn: 'Recipient',
    next: 'Normal',
    quickFormat: true,
    paragraph: { spacing: { before: 480, after: 480 }, keepNext: false },
  },
  {
    id: 'RegisteredMail',
    name: 'Mention d’envoi',
    basedOn: 'Recipient',
    next: 'Recipient',
    paragraph: { spacing: { after: 240 } },
    run: { bold: true, smallCaps: true, color: ACCENT_COLOR },
  },
  {
    id: 'Signature',
    name: 'Signature',
    basedOn: 'Recipient',
    paragraph: { keepNext: true },
  },
];

/** Word's built-in header and footer styles, with the letter's sizes. */
const PAGE_STYLES: IParagraphStyleOptions[] = [
  {
    id: 'Header',
    name: 'header',
    basedOn: 'Normal',
    paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 0, line: 240 } },
  },
  {
    id: 'Footer',
    name: 'footer',
    basedOn: 'Normal',
    paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0, line: 240 } },
    run: { size: 15, color: MUTED_COLOR },
  },
];

function buildStyles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: 22, language: { value: 'fr-FR' } },
        paragraph: { spacing: { after: 120, line: 264 } },
      },
    },
    paragraphStyles: [...BODY_STYLES, ...ADDRESS_STYLES, ...PAGE_STYLES],
  };
}

/** First-page letterhead: company name and trade on the left, contact details on the right. */
function buildLetterhead(): Header {
  const contactLines = [SENDER.street, SENDER.city, `Tél. ${SENDER.phone}`, SENDER.email];
  const nameCell = new TableCell({
    width: { size: 5670, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.BOTTOM,
    children: [
      new Paragraph({
        style: 'Header',
        children: [run(SENDER.name, { bold: true, size: 36, color: ACCENT_COLOR })],
      }),
      new Paragraph({
        style: 'Header',
        children: [run(SENDER.activity, { size: 18, italics: true, color: MUTED_COLOR })],
      }),
    ],
  });
  const contactCell = new TableCell({
    width: { size: TEXT_WIDTH - 5670, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.BOTTOM,
    children: contactLines.map(
      (line) =>
        new Paragraph({
          style: 'Header',
          alignment: AlignmentType.RIGHT,
          children: [run(line, { size: 18 })],
        }),
    ),
  });

  return new Header({
    children: [
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: [5670, TEXT_WIDTH - 5670],
        borders: TableBorders.NONE,
        // No cell padding, so that the text lines up with the rule and the body's margins.
        margins: { left: 0, right: 0, top: 0, bottom: 0 },
        rows: [new TableRow({ children: [nameCell, contactCell] })],
      }),
      // The rule under the letterhead is the bottom border of a paragraph after the table.
      new Paragraph({
        style: 'Header',
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: ACCENT_COLOR, space: 1 } },
        children: [],
      }),
    ],
  });
}

/** Header of the pages after the first: who the letter is from, to whom, and its date. */
function buildContinuationHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        style: 'Header',
        alignment: AlignmentType.RIGHT,
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: ACCENT_COLOR, space: 1 } },
        children: [
          run(`${SENDER.name} · Courrier du opistodatejour à opistoclientnomcomplet (suite)`, {
            size: 16,
            color: MUTED_COLOR,
          }),
        ],
      }),
    ],
  });
}

/** Footer of every page: legal form, capital, RCS, SIRET and VAT numbers, then "Page X sur Y". */
function buildFooter(): Footer {
  const [firstLine = '', ...otherLines] = SENDER.legalMentions;

  return new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: MUTED_COLOR, space: 4 } },
        children: [run(firstLine)],
      }),
      ...otherLines.map((line) => new Paragraph({ style: 'Footer', children: [run(line)] })),
      new Paragraph({
        style: 'Footer',
        spacing: { before: 60 },
        children: [
          new TextRun({ text: 'Page ' }),
          new TextRun({ children: [PageNumber.CURRENT] }),
          new TextRun({ text: ' sur ' }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

/**
 * Builds the recipient's address, one paragraph per line. Address line 2 has a paragraph of its
 * own because the merge removes a paragraph whose field words are all empty.
 */
function buildRecipientBlock(): Paragraph[] {
  return [
    'opistoclientnomcomplet',
    'opistoclientadresse1',
    'opistoclientadresse2',
    'opistoclientcp opistoclientville',
  ].map((line) => styledParagraph('Recipient', line));
}

function buildDateLine(): Paragraph {
  return styledParagraph('DateLine', 'Toulouse, le opistodatejour');
}

function buildSubject(subjectRuns: TextRun[]): Paragraph {
  return new Paragraph({ style: 'Subject', children: [run('Objet : '), ...subjectRuns] });
}

/** The sentence giving the balance, with the amount in bold: the one figure the reader must see. */
function buildBalanceLine(lead: string): Paragraph {
  return new Paragraph({
    spacing: { before: 240 },
    children: [run(lead), run('opistoclientsolde € TTC', { bold: true }), run('.')],
  });
}

/** How to pay: the bank details get a line of their own, since an IBAN must not be split. */
function buildPaymentDetails(): Paragraph[] {
  return [
    bodyParagraph(
      'Vous pouvez régler par virement en rappelant les numéros de factures, ou par chèque à ' +
        `l'ordre de « ${SENDER.legalName} ». Nos coordonnées bancaires :`,
      { keepNext: true },
    ),
    styledParagraph('BankDetails', `IBAN : ${SENDER.iban} · BIC : ${SENDER.bic}`),
  ];
}

function buildSignature(closing: string, signatureLines: string[]): Paragraph[] {
  return [
    styledParagraph('Closing', closing),
    ...signatureLines.map((line) => styledParagraph('Signature', line)),
  ];
}

type LetterTemplate = {
  fileName: string;
  title: string;
  /** Paragraphs above the recipient's address, such as the registered-mail mention. */
  preamble: Paragraph[];
  subject: TextRun[];
  /** Lines under the subject, such as the enclosures. */
  references: string[];
  body: Paragraph[];
  closing: string;
  signature: string[];
};

const CLOSING_FORMULA =
  "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.";

/**
 * Builds the paragraphs on what a late professional client owes (Code de commerce), then on
 * what a consumer owes (Code civil). Each starts with its condition word, so that a letter states
 * only its own case: the recovery indemnity must never be claimed from a consumer.
 */
function buildLatePaymentTerms(consumerSentence: string): Paragraph[] {
  return [
    bodyParagraph(
      'opistosipro Conformément à nos conditions générales de vente et à l’article L441-10 du ' +
        'Code de commerce, ce retard entraîne de plein droit des pénalités de retard, soit ' +
        'opistopenalitesretard € à ce jour, et une indemnité forfaitaire pour frais de ' +
        'recouvrement de 40 € par facture payée en retard (article D441-5 du même code), soit ' +
        'opistoindemniterecouvrement € :',
      { keepNext: true },
    ),
    styledParagraph('Normal', 'opistosipro opistolistepenalites', {
      alignment: AlignmentType.LEFT,
    }),
    new Paragraph({
      spacing: { before: 240 },
      children: [
        run('opistosipro Le montant total dû s’élève ainsi à '),
        run('opistototaldu €', { bold: true }),
        run('.'),
      ],
    }),
    bodyParagraph(`opistosiparticulier ${consumerSentence}`),
  ];
}

function buildFirstReminder(): LetterTemplate {
  return {
    fileName: 'Relance 1er rappel.docx',
    title: 'Relance – 1er rappel',
    preamble: [],
    subject: [...ordinalRuns('1', 'er'), run(' rappel – factures en attente de règlement')],
    references: [],
    body: [
      bodyParagraph(
        'Sauf erreur ou omission de notre part, le règlement des factures suivantes ne nous ' +
          'est pas encore parvenu :',
      ),
      styledParagraph('Normal', 'opistolistefactures', { alignment: AlignmentType.LEFT }),
      buildBalanceLine('Le solde de votre compte s’élève à ce jour à '),
      bodyParagraph(
        'Il s’agit sans doute d’un simple oubli. Nous vous remercions de bien vouloir ' +
          'procéder à ce règlement dans les meilleurs délais.',
      ),
      ...buildPaymentDetails(),
      bodyParagraph(
        'Si votre règlement nous est parvenu entre-temps, nous vous prions de ne pas tenir ' +
          'compte de ce courrier. Pour toute question, notre service comptabilité se tient à ' +
          `votre disposition au ${SENDER.phone} ou à l'adresse ${SENDER.email}.`,
        { keepNext: true },
      ),
    ],
    closing: CLOSING_FORMULA,
    signature: ['Le service comptabilité', SENDER.name],
  };
}

function buildSecondReminder(): LetterTemplate {
  return {
    fileName: 'Relance 2e rappel.docx',
    title: 'Relance – 2e rappel',
    preamble: [],
    subject: [...ordinalRuns('2', 'e'), run(' rappel – factures impayées')],
    references: [],
    body: [
      bodyParagraph(
        'Malgré notre premier rappel, nous constatons que les factures ci-dessous restent ' +
          'impayées à ce jour. Ce relevé tient compte des avoirs émis en votre faveur :',
      ),
      styledParagraph('Normal', 'opistolistefacturesavoirs', { alignment: AlignmentType.LEFT }),
      bodyParagraph(
        'Le solde de votre compte s’élève à opistoclientsolde € TTC. Nous vous demandons de ' +
          'le régler sous quinze jours à compter de la date du présent courrier.',
        { spacing: { before: 240 } },
      ),
      ...buildLatePaymentTerms(
        'À défaut de règlement, des intérêts au taux légal courront à compter de la mise en ' +
          'demeure (article 1231-6 du Code civil).',
      ),
      bodyParagraph(
        'À défaut de règlement dans ce délai, nous exigerons le paiement comptant de toute ' +
          'nouvelle commande et vous adresserons une mise en demeure.',
      ),
      ...buildPaymentDetails(),
      bodyParagraph(
        'Si vous rencontrez une difficulté, contactez-nous : nous étudierons avec vous un ' +
          'échéancier. Si votre règlement nous est parvenu entre-temps, merci de ne pas tenir ' +
          'compte de ce courrier.',
        { keepNext: true },
      ),
    ],
    closing: CLOSING_FORMULA,
    signature: ['Le service comptabilité', SENDER.name],
  };
}

function buildFormalNotice(): LetterTemplate {
  return {
    fileName: 'Mise en demeure.docx',
    title: 'Mise en demeure de payer',
    preamble: [styledParagraph('RegisteredMail', 'Lettre recommandée avec accusé de réception')],
    subject: [run('Mise en demeure de payer')],
    references: ['P. j. : copie des factures impayées'],
    body: [
      bodyParagraph(
        'Malgré nos relances restées sans effet, les factures ci-dessous demeurent impayées à ' +
          'ce jour, déduction faite des avoirs émis en votre faveur :',
      ),
      styledParagraph('Normal', 'opistolistefacturesavoirs', { alignment: AlignmentType.LEFT }),
      buildBalanceLine('Le solde de votre compte s’élève à '),
      bodyParagraph(
        'Par la présente, nous vous mettons en demeure de nous régler cette somme dans un ' +
          'délai de huit jours à compter de la réception de ce courrier. Cette lettre vaut mise ' +
          'en demeure au sens de l’article 1344 du Code civil.',
      ),
      ...buildLatePaymentTerms(
        'Cette somme sera majorée des intérêts au taux légal à compter de la présente mise en ' +
          'demeure (article 1231-6 du Code civil).',
      ),
      ...buildPaymentDetails(),
      bodyParagraph(
        'À défaut de paiement dans ce délai, nous engagerons sans autre avis une procédure ' +
          'judiciaire en recouvrement de notre créance, dont les frais pourront être mis à ' +
          'votre charge.',
        { keepNext: true },
      ),
    ],
    closing: CLOSING_FORMULA,
    signature: [`Pour ${SENDER.legalName},`, 'Sophie Castan, gérante'],
  };
}

function buildLetterBody(letter: LetterTemplate): Paragraph[] {
  return [
    ...letter.preamble,
    ...buildRecipientBlock(),
    buildDateLine(),
    buildSubject(letter.subject),
    ...letter.references.map((line) => styledParagraph('Reference', line)),
    styledParagraph('Salutation', 'Madame, Monsieur,'),
    ...letter.body,
    ...buildSignature(letter.closing, letter.signature),
  ];
}

function buildDocument(letter: LetterTemplate): Document {
  return new Document({
    creator: SENDER.name,
    lastModifiedBy: SENDER.name,
    title: letter.title,
    description: 'Modèle de courrier de relance Opisto Relances',
    styles: buildStyles(),
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.marginTop,
              bottom: PAGE.marginBottom,
              left: PAGE.marginSide,
              right: PAGE.marginSide,
              header: PAGE.header,
              footer: PAGE.footer,
            },
          },
        },
        headers: { first: buildLetterhead(), default: buildContinuationHeader() },
        footers: { first: buildFooter(), default: buildFooter() },
        children: buildLetterBody(letter),
      },
    ],
  });
}

/**
 * Repacks the package that docx wrote with fixed timestamps, in its core properties and in the
 * zip entries, so that rebuilding the templates leaves them byte for byte the same.
 */
function normalizePackage(packed: Uint8Array): Uint8Array {
  const entries = unzipSync(packed);
  const corePath = 'docProps/core.xml';
  const core = entries[corePath];
  if (core) {
    const fixed = strFromU8(core).replace(
      /(<dcterms:(?:created|modified)[^>]*>)[^<]*/g,
      `$1${BUILD_TIMESTAMP}`,
    );
    entries[corePath] = strToU8(fixed);
  }

  // [Content_Types].xml goes first, as Office writes it, for readers that stream the zip.
  const contentTypesPath = '[Content_Types].xml';
  const otherNames = Object.keys(entries)
    .filter((name) => name !== contentTypesPath)
    .sort();
  const names = [contentTypesPath, ...otherNames];
  const zippable: Zippable = {};
  for (const name of names) {
    zippable[name] = entries[name] as Uint8Array;
  }
  // Zip entries store local time, so the date is shifted to give the same bytes in every time zone.
  const mtime = new Date(BUILD_TIMESTAMP);
  mtime.setMinutes(mtime.getMinutes() + mtime.getTimezoneOffset());
  return zipSync(zippable, { level: 9, mtime });
}

async function main(): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const letters = [buildFirstReminder(), buildSecondReminder(), buildFormalNotice()];

  for (const letter of letters) {
    const packed = await Packer.toBuffer(buildDocument(letter));
    const path = join(OUTPUT_DIR, letter.fileName);
    writeFileSync(path, normalizePackage(packed));
    console.log(`Wrote ${path}`);
  }
}

main().catch((error: unknown) => {
  console.error('Failed to build the templates:', error);
  process.exitCode = 1;
});
