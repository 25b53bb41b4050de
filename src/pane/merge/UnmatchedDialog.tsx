/**
 * Asks, before a merge, what to do with the selected clients whose payments or credit notes are
 * not yet matched to invoices: their letters may claim invoices already paid.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';

import type { DebtorSummary } from '../../api/contract';
import { UNMATCHED_WARNING } from '../../merge';

/** The user's choice: include them (`confirmUnmatched`), leave them out, or merge nothing. */
export type UnmatchedChoice = 'include' | 'leaveOut' | 'cancel';

export type UnmatchedDialogProps = {
  open: boolean;
  /** The selected clients with unmatched payments. */
  debtors: readonly DebtorSummary[];
  onChoose(choice: UnmatchedChoice): void;
};

const useStyles = makeStyles({
  list: {
    margin: `${tokens.spacingVerticalS} 0 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: '40vh',
    overflowY: 'auto',
  },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

export function UnmatchedDialog({ open, debtors, onChoose }: UnmatchedDialogProps) {
  const styles = useStyles();
  const explanationId = useId();
  const count = debtors.length;

  return (
    <Dialog
      open={open}
      // Escape, like "Annuler", merges nothing.
      onOpenChange={(_, data) => !data.open && onChoose('cancel')}
    >
      <DialogSurface aria-describedby={explanationId}>
        <DialogBody>
          <DialogTitle>Paiements non lettrés</DialogTitle>
          <DialogContent>
            <Text as="p" id={explanationId}>
              {count > 1
                ? `${count} clients sélectionnés ont des paiements ou des avoirs`
                : '1 client sélectionné a des paiements ou des avoirs'}{' '}
              pas encore rapprochés de leurs factures : ces factures sont peut-être déjà payées.
              Vérifiez dans Opisto avant d’envoyer.
            </Text>
            {/* Focusable, so that a long list scrolls from the keyboard; focus starts here, away
                from the buttons, so that Enter cannot answer before the list is read. */}
            <ul className={styles.list} tabIndex={0} aria-label="Clients concernés">
              {debtors.map((debtor) => (
                <li key={debtor.id}>
                  <bdi>{debtor.displayName.trim() || `Client ${debtor.id}`}</bdi>
                  {' : '}
                  <span className={styles.warning}>{UNMATCHED_WARNING}</span>
                </li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions>
            {/* The safe choice is the primary one: including needs a deliberate click. */}
            <Button appearance="primary" onClick={() => onChoose('leaveOut')}>
              Les laisser de côté
            </Button>
            <Button onClick={() => onChoose('include')}>Inclure ces clients</Button>
            <Button onClick={() => onChoose('cancel')}>Annuler</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

const NO_DEBTORS: readonly DebtorSummary[] = [];

/**
 * Runs `start` at once when no selected client has unmatched payments, else after the user's
 * choice: `start(true)` for "Inclure ces clients", `start(false)` for "Les laisser de côté".
 */
export function useUnmatchedQuestion(start: (confirmUnmatched: boolean) => void) {
  // The list stays while the dialog closes, so that its closing animation shows the same text.
  const [question, setQuestion] = useState({ open: false, debtors: NO_DEBTORS });

  const askOrStart = (selected: readonly DebtorSummary[]) => {
    const unmatched = selected.filter((debtor) => debtor.hasUnmatchedPayments);
    if (unmatched.length > 0) {
      setQuestion({ open: true, debtors: unmatched });
    } else {
      start(false);
    }
  };
  const onChoose = (choice: UnmatchedChoice) => {
    setQuestion((previous) => ({ ...previous, open: false }));
    if (choice !== 'cancel') {
      start(choice === 'include');
    }
  };

  return { askOrStart, dialog: { ...question, onChoose } satisfies UnmatchedDialogProps };
}
