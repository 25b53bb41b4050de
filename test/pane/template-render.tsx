/**
 * Shared by the "Modèle" and "Paramètres" tests: the pane's providers around a screen, starter
 * templates served from `assets/templates/` through a stubbed `fetch` (jsdom has none), and
 * files for the file input.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';

import { PaneProvider } from '../../src/pane/app/pane-context';
import type { PaneEnvironment } from '../../src/pane/services/environment';
import { STARTER_TEMPLATES } from '../../src/pane/services/template-choice';
import type { FakeWord } from '../word-fake';

/**
 * jsdom has no ResizeObserver, which Fluent's MessageBar uses to choose its layout. It lays out
 * nothing either, so an observer that never reports is what a browser would do here.
 */
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver ??= NoLayoutResizeObserver;

export function renderInPane(
  ui: ReactNode,
  environment: PaneEnvironment,
  storage: Storage = window.localStorage,
) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <PaneProvider environment={environment} storage={storage}>
        {ui}
      </PaneProvider>
    </FluentProvider>,
  );
}

/** Word's environment around a fake Word; the open document's file is never read here. */
export function wordEnvironment(fake: FakeWord): PaneEnvironment {
  return {
    kind: 'word',
    host: fake,
    document: {
      getFileAsync: () => {
        throw new Error('the template tab must not read the open document file');
      },
    },
    partitionKey: undefined,
  };
}

/** Reads a shipped starter template; the build serves each under its `file` name. */
export function starterBytes(label: string): Uint8Array {
  const file = path.join(__dirname, '../../assets/templates', `${label}.docx`);
  return new Uint8Array(readFileSync(file));
}

/**
 * Replaces `fetch` with one that serves `templates/<file>` from the shipped templates, records
 * the requested URLs, and returns 404 for anything else.
 */
export function serveStarterTemplates(): string[] {
  const requested: string[] = [];
  const byUrl = new Map<string, string>(
    STARTER_TEMPLATES.map((starter) => [`templates/${starter.file}`, starter.label]),
  );
  window.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    requested.push(url);
    const label = byUrl.get(url);
    const bytes = label ? starterBytes(label) : new Uint8Array();
    return {
      ok: label !== undefined,
      status: label ? 200 : 404,
      arrayBuffer: async () => bytes.slice().buffer,
    } as Response;
  });
  return requested;
}

/** Makes a File for the file input, as the browser passes it. */
export function docxFile(name: string, bytes: Uint8Array): File {
  return new File([bytes.slice()], name, {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}
