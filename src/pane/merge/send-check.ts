/**
 * The checks before sending, as the command line runs them, with the pane's way to change each
 * decision added to the message (the command line names its option instead).
 */
import type { ClientRecord } from '../../api/record';
import { checkBeforeSending, type LeftOutReason, type SendCheckOptions } from '../../merge';

const HOW_TO_INCLUDE: Readonly<Record<LeftOutReason['code'], string | null>> = {
  nothing_due: null,
  below_minimum: 'Le seuil se règle dans l’onglet Paramètres.',
  unmatched_payments:
    'Pour l’inclure, fusionnez de nouveau ce client et choisissez « Inclure ces clients ».',
};

/** Returns why the client gets no letter, in French, or null when its letter may be made. */
export function checkRecordBeforeSending(
  record: ClientRecord,
  options: SendCheckOptions,
): LeftOutReason | null {
  const reason = checkBeforeSending(record, options);
  if (!reason) {
    return null;
  }
  const hint = HOW_TO_INCLUDE[reason.code];
  return hint ? { ...reason, message: `${reason.message} ${hint}` } : reason;
}
