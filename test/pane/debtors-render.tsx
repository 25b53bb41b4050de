/**
 * Shared by the "Relances" tests: the pane's providers with settings pointing at a reference
 * server, and the layout jsdom lacks. jsdom lays out nothing, so the virtualized list would see
 * a 0-pixel window: the scrolling area reports 360 pixels and each row 36 (clientHeight and
 * offsetHeight, which TanStack Virtual reads), and scrollTo moves scrollTop.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';

import { PaneProvider } from '../../src/pane/app/pane-context';
import {
  DEFAULT_SETTINGS,
  saveSettings,
  type PaneSettings,
} from '../../src/pane/services/settings';

export const VIEW_HEIGHT = 360;
export const ROW_HEIGHT = 36;

class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

/**
 * Installs the sizes (clientHeight, scrollHeight, offsetHeight, scrollTo). Returns a function that
 * restores jsdom's own.
 */
export function installLayout(): () => void {
  const prototype = HTMLElement.prototype;
  const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
  const offsetHeight = Object.getOwnPropertyDescriptor(prototype, 'offsetHeight');
  const scrollHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight');
  window.ResizeObserver ??= NoLayoutResizeObserver;

  Object.defineProperty(prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'rowgroup' ? VIEW_HEIGHT : 0;
    },
  });
  // The scrolling area holds one spacer as tall as all the rows.
  Object.defineProperty(prototype, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      const spacer = this.firstElementChild as HTMLElement | null;
      return this.getAttribute('role') === 'rowgroup'
        ? parseFloat(spacer?.style.height ?? '') || 0
        : 0;
    },
  });
  Object.defineProperty(prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.index === undefined ? 0 : ROW_HEIGHT;
    },
  });
  prototype.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
    this.scrollTop = typeof options === 'object' ? (options.top ?? 0) : 0;
    // Later, as a browser does: the virtualizer also scrolls while React renders, where its
    // scroll handler could not flush.
    setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
  };

  return () => {
    Reflect.deleteProperty(prototype, 'clientHeight');
    Reflect.deleteProperty(prototype, 'scrollHeight');
    if (scrollHeight) {
      Object.defineProperty(Element.prototype, 'scrollHeight', scrollHeight);
    }
    if (clientHeight) {
      Object.defineProperty(Element.prototype, 'clientHeight', clientHeight);
    }
    if (offsetHeight) {
      Object.defineProperty(prototype, 'offsetHeight', offsetHeight);
    }
  };
}

/**
 * Renders `ui` in the pane, in a plain browser, with these settings stored for the user (the
 * defaults for those not given).
 */
export function renderWithSettings(ui: ReactNode, settings: Partial<PaneSettings>) {
  const storage = window.localStorage;
  storage.clear();
  saveSettings(storage, undefined, { ...DEFAULT_SETTINGS, ...settings });

  return render(
    <FluentProvider theme={webLightTheme}>
      <PaneProvider environment={{ kind: 'browser' }} storage={storage}>
        {ui}
      </PaneProvider>
    </FluentProvider>,
  );
}
