/**
 * A date field that reads and shows dd/mm/yyyy. It reports a calendar date ("2026-12-04") once
 * the text is a real date, an empty string when the field is empty, and the text itself
 * otherwise, so that the form's own check reports the date as invalid.
 */
import { Input, type InputProps } from '@fluentui/react-components';
import { useState } from 'react';

import { parseFrenchDate, showFrenchDate } from './date-text';

export type FrenchDateInputProps = Omit<InputProps, 'value' | 'onChange' | 'type'> & {
  /** A calendar date, an empty string, or text that is not a date yet. */
  value: string;
  onDateChange(value: string): void;
};

export function FrenchDateInput({ value, onDateChange, ...inputProps }: FrenchDateInputProps) {
  const [text, setText] = useState(() => showFrenchDate(value));
  const [shownValue, setShownValue] = useState(value);

  // A value set from outside (a reset, a default date) replaces the text, unless the text
  // already stands for it. Adjusting state while rendering is React's pattern for this.
  if (value !== shownValue) {
    setShownValue(value);
    if (parseFrenchDate(text) !== value && text.trim() !== value) {
      setText(showFrenchDate(value));
    }
  }

  return (
    <Input
      {...inputProps}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="jj/mm/aaaa"
      value={text}
      onChange={(_, data) => {
        setText(data.value);
        const trimmed = data.value.trim();
        onDateChange(trimmed === '' ? '' : (parseFrenchDate(trimmed) ?? trimmed));
      }}
    />
  );
}
