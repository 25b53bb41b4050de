/**
 * The template the merge uses: inside Word, the document open in Word; otherwise (or when Word
 * cannot hand over the open document's bytes) a .docx file the user picked or a starter template.
 */
import type { PaneEnvironment } from './environment';

export type TemplateChoice =
  { kind: 'openDocument' } | { kind: 'file'; name: string; bytes: Uint8Array };

/** The starter templates shipped with the pane, served under `templates/`. */
export const STARTER_TEMPLATES = [
  { file: 'relance-1er-rappel.docx', label: 'Relance 1er rappel' },
  { file: 'relance-2e-rappel.docx', label: 'Relance 2e rappel' },
  { file: 'mise-en-demeure.docx', label: 'Mise en demeure' },
] as const;

/**
 * Returns the template's file name ("Relance 2e rappel.docx"), or undefined for the open
 * document when Word gives no name for it.
 */
export function templateFileName(
  template: TemplateChoice,
  environment: PaneEnvironment,
): string | undefined {
  if (template.kind === 'file') {
    return template.name;
  }
  return environment.kind === 'word' ? environment.documentName : undefined;
}
