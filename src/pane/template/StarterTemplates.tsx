/** The starter templates shipped with the pane, one button each. */
import { Button, makeStyles, tokens } from '@fluentui/react-components';

import { STARTER_TEMPLATES } from '../services/template-choice';

export type StarterTemplate = (typeof STARTER_TEMPLATES)[number];

export type StarterTemplatesProps = {
  /** Accessible name of the group of buttons. */
  label: string;
  /** Text before the template's name on each button's accessible name, such as "Ouvrir". */
  verb: string;
  disabled: boolean;
  onPick: (starter: StarterTemplate) => void;
};

const useStyles = makeStyles({
  group: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function StarterTemplates({ label, verb, disabled, onPick }: StarterTemplatesProps) {
  const styles = useStyles();

  return (
    <div role="group" aria-label={label} className={styles.group}>
      {STARTER_TEMPLATES.map((starter) => (
        <Button
          key={starter.file}
          disabled={disabled}
          aria-label={`${verb} « ${starter.label} »`}
          onClick={() => onPick(starter)}
        >
          {starter.label}
        </Button>
      ))}
    </div>
  );
}
