/**
 * @jest-environment jsdom
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '../../src/pane/app/App';
import { PaneProvider } from '../../src/pane/app/pane-context';

// jsdom has no ResizeObserver, which Fluent's MessageBar needs; it lays out nothing either,
// so an observer that never reports is what a browser would do here.
window.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

function renderApp() {
  return render(
    <FluentProvider theme={webLightTheme}>
      <PaneProvider environment={{ kind: 'browser' }} storage={window.localStorage}>
        <App />
      </PaneProvider>
    </FluentProvider>,
  );
}

describe('App', () => {
  test('shows the three tabs', () => {
    renderApp();

    expect(screen.getByRole('tab', { name: 'Relances' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Modèle' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Paramètres' })).toBeTruthy();
  });

  test('switches tab on click', async () => {
    renderApp();
    const user = userEvent.setup();

    await user.click(screen.getByRole('tab', { name: 'Paramètres' }));

    expect(screen.getByRole('tab', { name: 'Paramètres' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('tab-settings');
  });
});
