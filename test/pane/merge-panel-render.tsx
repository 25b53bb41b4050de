/**
 * Shared by the tests of the merge panel's reminder features: the settings in a storage of their
 * own, the template chosen as the "Modèle" tab would, and the downloads caught at
 * `URL.createObjectURL`, which jsdom lacks.
 */
import { useEffect } from 'react';

import { usePane } from '../../src/pane/app/pane-context';
import { DEFAULT_SETTINGS, type PaneSettings } from '../../src/pane/services/settings';
import type { TemplateChoice } from '../../src/pane/services/template-choice';

/** Returns a storage that contains `settings`, with the defaults for those not given. */
export function memoryStorage(settings: Partial<PaneSettings>): Storage {
  const values = new Map([
    ['opisto-relances.settings', JSON.stringify({ ...DEFAULT_SETTINGS, ...settings })],
  ]);
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  } as Storage;
}

/** Chooses the template as the "Modèle" tab would. */
export function ChooseTemplate({ template }: { template: TemplateChoice | null }) {
  const { chooseTemplate } = usePane();
  useEffect(() => chooseTemplate(template), [chooseTemplate, template]);
  return null;
}

export type CaughtDownload = { name: string; blob: Blob };

/**
 * Catches the pane's downloads from now on. jsdom does not navigate, so the link's click only
 * records the file name it offers.
 */
export function catchDownloads(): CaughtDownload[] {
  const downloads: CaughtDownload[] = [];
  URL.createObjectURL = (blob: Blob) => {
    downloads.push({ name: '', blob });
    return `blob:download-${downloads.length}`;
  };
  URL.revokeObjectURL = () => undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const download = downloads.at(-1);
    if (download) {
      download.name = this.download;
    }
  };
  return downloads;
}

/** Reads a downloaded file; jsdom's Blob has no arrayBuffer(), its FileReader does the job. */
export function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}
