/**
 * The field words of the template chosen for the merge, known before "Fusionner" for a template
 * file. The document open in Word is read only when the merge starts, so its fields are unknown
 * until then.
 */
import { useMemo } from 'react';

import { compileTemplate, type FieldName } from '../../merge';
import type { TemplateChoice } from '../services/template-choice';

/** Returns the fields `template` uses, or null when they are unknown or the file is unreadable. */
export function templateFields(template: TemplateChoice | null): ReadonlySet<FieldName> | null {
  if (template?.kind !== 'file') {
    return null;
  }
  try {
    const words = compileTemplate(template.bytes).words;
    return new Set(words.flatMap((word) => (word.field ? [word.field] : [])));
  } catch {
    // The merge reads the file again and reports why it cannot.
    return null;
  }
}

/** Computes `templateFields` once per template chosen. */
export function useTemplateFields(template: TemplateChoice | null): ReadonlySet<FieldName> | null {
  return useMemo(() => templateFields(template), [template]);
}
