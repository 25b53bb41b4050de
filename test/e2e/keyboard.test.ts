/**
 * The keyboard alone reaches the tabs, the filters, the list and "Fusionner", and each focused
 * control shows a visible focus indicator.
 */
import type { Page } from 'playwright-core';

import { DEMO_KEY } from './support/api-server';
import { enterSettings, openTab, search, shownCount } from './support/pane-actions';
import { startSession, type PaneSession } from './support/session';

const SESSION_TIMEOUT_MS = 60_000;
const MAX_TABS = 80;

type Focused = { role: string; name: string; tag: string; visible: boolean };

describe('keyboard in Chromium', () => {
  let session: PaneSession;

  beforeAll(async () => {
    session = await startSession({ count: 48 });
    await enterSettings(session.page, session.api.baseUrl, DEMO_KEY);
    await search(session.page, { postalCode: '11' });
    await shownCount(session.page);
    await openTab(session.page, 'Relances');
  }, SESSION_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
  });

  test('Tab reaches every control visibly', async () => {
    const { page } = session;
    await page.locator('body').click({ position: { x: 1, y: 1 } });

    const stops = await tabThrough(page);
    const names = stops.map((stop) => `${stop.role}:${stop.name}`);

    expect(names).toContainEqual(expect.stringMatching(/^tab:Relances/));
    expect(names).toContainEqual(expect.stringMatching(/Ville/));
    expect(names).toContainEqual(expect.stringMatching(/^button:Rechercher/));
    expect(names).toContainEqual(expect.stringMatching(/^checkbox:.*Dupont/));
    expect(names).toContainEqual(expect.stringMatching(/^button:Fusionner/));
    expect(
      stops.filter((stop) => !stop.visible).map((stop) => `${stop.role}:${stop.name}`),
    ).toEqual([]);
  });
});

/**
 * Presses Tab until the focus comes back to the first stop, recording each focused control and
 * whether its look changed with the focus (Shift+Tab away and Tab back to compare).
 */
async function tabThrough(page: Page): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let count = 0; count < MAX_TABS; count += 1) {
    await page.keyboard.press('Tab');
    const focused = await describeFocus(page);
    if (stops.length > 0 && isSame(focused, stops[0])) {
      break;
    }
    // A date input takes several Tab presses (day, month, year): compare it on arrival only.
    // Past the last control the focus leaves the page for the browser's own controls.
    const previous = stops.at(-1);
    if (focused.tag === 'body' || (previous && isSame(focused, previous))) {
      continue;
    }
    const focusedLook = await lookOfMarked(page);
    await page.keyboard.press('Shift+Tab');
    const blurredLook = await lookOfMarked(page);
    await page.keyboard.press('Tab');
    stops.push({ ...focused, visible: focusedLook !== blurredLook });
  }
  return stops;
}

function isSame(a: Focused, b: Focused | undefined): boolean {
  return b !== undefined && a.role === b.role && a.name === b.name && a.tag === b.tag;
}

/** Names the focused element and marks it, so that its look can be read once it has lost focus. */
function describeFocus(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    (window as unknown as { focusedForTest?: Element | null }).focusedForTest = element;
    if (!element || element === document.body) {
      return { role: 'none', name: '', tag: 'body', visible: false };
    }

    const labelled = element.getAttribute('aria-label');
    const labels = (element as HTMLInputElement).labels;
    const name = labelled ?? labels?.[0]?.textContent ?? element.textContent ?? '';
    return {
      role: element.getAttribute('role') ?? implicitRole(element),
      name: name.trim().replace(/\s+/g, ' '),
      tag: element.tagName.toLowerCase(),
      visible: false,
    };

    function implicitRole(node: HTMLElement): string {
      const type = node instanceof HTMLInputElement ? node.type : '';
      const roles: Record<string, string> = { BUTTON: 'button', A: 'link', INPUT: 'textbox' };
      if (type === 'checkbox' || type === 'radio') {
        return type;
      }
      return roles[node.tagName] ?? node.tagName.toLowerCase();
    }
  });
}

/**
 * Returns the styles that can draw a focus indicator, on the marked element and its two parents,
 * and on their ::before and ::after (Fluent draws its focus ring and the input's underline there).
 */
function lookOfMarked(page: Page): Promise<string> {
  return page.evaluate(() => {
    const marked = (window as unknown as { focusedForTest?: Element | null }).focusedForTest;
    const elements = [marked, marked?.parentElement, marked?.parentElement?.parentElement];
    const properties = [
      'outline-style',
      'outline-width',
      'outline-color',
      'box-shadow',
      'border-color',
      'border-bottom-color',
      'border-bottom-width',
      'transform',
      'background-color',
    ];
    return elements
      .filter((element): element is Element => element instanceof Element)
      .flatMap((element) => [null, '::before', '::after'].map((p) => getComputedStyle(element, p)))
      .map((style) => properties.map((name) => style.getPropertyValue(name)).join(' '))
      .join('|');
  });
}
