/**
 * The merge engine: field catalog, values and the .docx engine. Nothing here depends on Node, the
 * DOM or Office, so the command line, the task pane and tests share it.
 */
export * from './fields';
export * from './format';
export * from './lists';
export * from './recognize';
export * from './values';
export * from './errors';
export { compileTemplate, type CompiledTemplate, type TemplateWord } from './docx/compile';
export { renderLetter } from './docx/render';
export { summarizeTemplate, type TemplateSummary } from './summary';
export { renderSingleDocument } from './docx/single-document';
export * from './penalties';
export * from './reminder-levels';
export * from './send-checks';
export * from './reminder-pieces';
export * from './letter-date';
