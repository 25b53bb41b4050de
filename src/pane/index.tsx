/**
 * Starts the pane: inside Word once Office.js is ready, or at once in a plain browser, where
 * office.js is absent or reports no host.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';

import { officeWordHost } from '../merge/word';
import { App } from './app/App';
import { PaneProvider } from './app/pane-context';
import { documentNameOf, type PaneEnvironment } from './services/environment';

function render(environment: PaneEnvironment): void {
  const container = document.getElementById('container');
  if (!container) {
    throw new Error('taskpane.html has no #container element');
  }
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <PaneProvider environment={environment} storage={window.localStorage}>
        <App />
      </PaneProvider>
    </FluentProvider>,
  );
}

function wordEnvironment(): PaneEnvironment {
  return {
    kind: 'word',
    host: officeWordHost(),
    document: Office.context.document,
    partitionKey: Office.context.partitionKey,
    documentName: documentNameOf(Office.context.document.url),
  };
}

if (typeof Office === 'undefined') {
  render({ kind: 'browser' });
} else {
  void Office.onReady((info) => {
    render(info.host === Office.HostType.Word ? wordEnvironment() : { kind: 'browser' });
  });
}
