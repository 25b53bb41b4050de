/**
 * Templates as files: reading a .docx the user picked, fetching a starter template shipped with
 * the pane, and summarising a template's field words with the .docx engine.
 */
import { compileTemplate } from '../../merge/docx/compile';
import { summarizeTemplate, type TemplateSummary } from '../../merge/summary';

export type TemplateFile = { name: string; bytes: Uint8Array };

/** A template that the .docx engine could read, with its field words. */
export type CheckedTemplate = TemplateFile & { summary: TemplateSummary };

/** Lists the field words of a .docx; throws the engine's French MergeError for a bad file. */
export function summarizeDocx(bytes: Uint8Array): TemplateSummary {
  return summarizeTemplate(compileTemplate(bytes).words);
}

/** Reads a picked file's bytes, with FileReader, which every browser and webview has. */
export function readPickedFile(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () =>
      reject(
        new Error(
          'Le fichier n’a pas pu être lu. Vérifiez qu’il est encore à sa place et qu’il ' +
            'n’est pas ouvert dans une autre application, puis choisissez-le à nouveau.',
        ),
      );
    reader.readAsArrayBuffer(file);
  });
}

/** Reads and checks a picked file; throws a French Error when it is not a usable template. */
export async function checkPickedFile(file: File): Promise<CheckedTemplate> {
  const bytes = await readPickedFile(file);
  return { name: file.name, bytes, summary: summarizeDocx(bytes) };
}

/** The part of `fetch` used here, so that tests can serve the files without a server. */
export type FetchFile = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'arrayBuffer'>>;

/** Fetches a starter template from `templates/` beside the pane's page. */
export async function fetchStarterTemplate(
  file: string,
  fetchFile: FetchFile = (url) => fetch(url),
): Promise<Uint8Array> {
  const url = `templates/${encodeURIComponent(file)}`;
  let response: Awaited<ReturnType<FetchFile>>;
  try {
    response = await fetchFile(url);
  } catch (error) {
    throw starterUnavailable(file, error);
  }

  if (!response.ok) {
    throw starterUnavailable(file, `HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetches and checks a starter template, named after its label for the letters' downloads. */
export async function loadStarterTemplate(
  starter: { file: string; label: string },
  fetchFile?: FetchFile,
): Promise<CheckedTemplate> {
  const bytes = await fetchStarterTemplate(starter.file, fetchFile);
  return { name: `${starter.label}.docx`, bytes, summary: summarizeDocx(bytes) };
}

function starterUnavailable(file: string, cause: unknown): Error {
  return new Error(
    `Le modèle de départ « ${file} » n’a pas pu être chargé. Vérifiez la connexion, puis ` +
      'réessayez ; si l’erreur persiste, prévenez la personne qui a installé le complément.',
    { cause },
  );
}

/** Returns the French message of an error of this module or of the engine. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
