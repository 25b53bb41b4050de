/**
 * The "Modèle" tab. Inside Word it works on the open document. In a plain browser the user
 * chooses the template file that the merge will use.
 */
import { usePane } from '../app/pane-context';
import { BrowserTemplateView } from './BrowserTemplateView';
import { WordTemplateView } from './WordTemplateView';

export function TemplateTab() {
  const { environment } = usePane();

  return environment.kind === 'word' ? (
    <WordTemplateView environment={environment} />
  ) : (
    <BrowserTemplateView />
  );
}
