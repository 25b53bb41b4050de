/**
 * `opisto-relances check`: the field words of a template, how often each occurs, and the words
 * that look like fields but are not, with the nearest valid name.
 */
import { summarizeTemplate } from '../merge';
import { readTemplate } from './read-inputs';

/** Prints the check; returns 0, or 1 when the template has unknown words. */
export function runCheck(templatePath: string): number {
  const summary = summarizeTemplate(readTemplate(templatePath).words);

  if (summary.fields.length === 0) {
    console.log('Aucun champ trouvé dans le modèle.');
  } else {
    console.log('Champs trouvés :');
    for (const { field, count } of summary.fields) {
      console.log(`  ${field.padEnd(28)} ${count} fois`);
    }
  }

  if (summary.unknown.length > 0) {
    console.log('Mots inconnus (laissés tels quels dans les courriers) :');
    for (const { word, count, suggestion } of summary.unknown) {
      const advice = suggestion
        ? `vouliez-vous dire « ${suggestion} » ?`
        : 'aucun champ ne lui ressemble';
      console.log(`  ${word.padEnd(28)} ${count} fois ; ${advice}`);
    }
  }
  return summary.unknown.length === 0 ? 0 : 1;
}
