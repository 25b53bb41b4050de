/**
 * A compiled part: its XML cut into static strings and the holes that each letter fills.
 */
import type { ConditionFieldName, ListFieldName, TextFieldName } from '../fields';
import type { TableLook } from './table-xml';

export type Segment =
  | { kind: 'static'; xml: string }
  /** A text field's value, inside a `w:t`. */
  | { kind: 'text'; field: TextFieldName; textTag: string }
  /** The sentence written for an empty list, inside a `w:t`. */
  | { kind: 'emptyList'; field: ListFieldName }
  /** A paragraph made only of text fields: skipped up to `end` when they are all blank. */
  | { kind: 'blankable'; fields: TextFieldName[]; end: number }
  /**
   * A paragraph kept only for one kind of client. For the others it is skipped up to `end`
   * and `replacement` is written: nothing, or an empty paragraph where the document needs one.
   */
  | { kind: 'condition'; field: ConditionFieldName; replacement: string; end: number }
  /** A list field's paragraph: replaced by a table, up to `end`, when the list has rows. */
  | { kind: 'list'; field: ListFieldName; look: TableLook; end: number }
  | { kind: 'end' }
  /** Start of the body's final `w:sectPr`, which writes nothing. */
  | { kind: 'bodySection' };

export type CompiledPart = { name: string; segments: readonly Segment[] };
