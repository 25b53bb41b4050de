/** A titled part of a tab, named by its heading for assistive technologies. */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalXL,
  },
});

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  const id = useId();

  return (
    <section className={styles.root} aria-labelledby={id}>
      <Text as="h2" size={400} weight="semibold" id={id}>
        {title}
      </Text>
      {children}
    </section>
  );
}
