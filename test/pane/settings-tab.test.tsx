/**
 * @jest-environment jsdom
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../src/pane/services/settings';
import { SettingsTab } from '../../src/pane/settings/SettingsTab';
import { API_KEY, startTestServer, type TestServer } from '../server/helpers';
import { renderInPane } from './template-render';

/** jsdom's pages live at http://localhost/; the server must allow that origin, as a browser. */
const PAGE_ORIGIN = 'http://localhost';

function renderTab() {
  renderInPane(<SettingsTab />, { kind: 'browser' });
  return userEvent.setup();
}

function addressInput(): HTMLInputElement {
  return screen.getByLabelText('Adresse du service Opisto');
}

function keyInput(): HTMLInputElement {
  return screen.getByLabelText('Clé d’API');
}

async function fill(user: ReturnType<typeof userEvent.setup>, apiUrl: string, apiKey: string) {
  await user.clear(addressInput());
  await user.type(addressInput(), apiUrl);
  await user.clear(keyInput());
  // Pasted, as users do: typing would read "{" and "[" as user-event's key names.
  await user.click(keyInput());
  await user.paste(apiKey);
}

beforeEach(() => {
  window.localStorage.clear();
});

describe('saving the settings', () => {
  test('saved settings reload from storage', async () => {
    const user = renderTab();

    await fill(user, '  https://opisto.example.fr/ ', ' cle-secrete-42 ');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(screen.getByRole('status').textContent).toBe('Paramètres enregistrés.');
    expect(loadSettings(window.localStorage, undefined)).toEqual({
      apiUrl: 'https://opisto.example.fr/',
      apiKey: 'cle-secrete-42',
      penaltyRate: '',
      minimumAmount: '0',
    });

    document.body.innerHTML = '';
    renderTab();
    expect(addressInput().value).toBe('https://opisto.example.fr/');
    expect(keyInput().value).toBe('cle-secrete-42');
  });

  test('remote http address is rejected', async () => {
    saveSettings(window.localStorage, undefined, {
      ...DEFAULT_SETTINGS,
      apiUrl: 'https://a.example.fr',
      apiKey: 'k',
    });
    const user = renderTab();

    await fill(user, 'http://opisto.example.fr', 'k');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(screen.getByRole('alert').textContent).toContain(
      'http:// n’est permis que vers cette machine',
    );
    expect(loadSettings(window.localStorage, undefined).apiUrl).toBe('https://a.example.fr');
  });

  test('key hidden until shown', async () => {
    const user = renderTab();
    expect(keyInput().type).toBe('password');

    await user.click(screen.getByRole('button', { name: 'Afficher la clé' }));
    expect(keyInput().type).toBe('text');

    await user.click(screen.getByRole('button', { name: 'Masquer la clé' }));
    expect(keyInput().type).toBe('password');
  });

  test('note on where the key is kept', () => {
    renderTab();

    expect(screen.getByText(/Elle n’est jamais écrite dans vos modèles/)).toBeTruthy();
  });
});

describe('reminder settings', () => {
  function rateInput(): HTMLInputElement {
    return screen.getByLabelText('Taux des pénalités de retard (% par an)');
  }

  function minimumInput(): HTMLInputElement {
    return screen.getByLabelText('Seuil minimal de relance (€)');
  }

  test('empty rate and 0 € by default', () => {
    renderTab();

    expect(rateInput().value).toBe('');
    expect(minimumInput().value).toBe('0');
  });

  test('saved rate and threshold reload', async () => {
    const user = renderTab();

    await user.type(rateInput(), ' 13,15 ');
    await user.clear(minimumInput());
    await user.type(minimumInput(), '15,50');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(screen.getByRole('status').textContent).toBe('Paramètres enregistrés.');
    expect(loadSettings(window.localStorage, undefined)).toMatchObject({
      penaltyRate: '13,15',
      minimumAmount: '15,50',
    });
    document.body.innerHTML = '';
    renderTab();
    expect(rateInput().value).toBe('13,15');
    expect(minimumInput().value).toBe('15,50');
  });

  test('invalid rate: message under the field, nothing saved', async () => {
    saveSettings(window.localStorage, undefined, { ...DEFAULT_SETTINGS, penaltyRate: '10' });
    const user = renderTab();

    await user.clear(rateInput());
    await user.type(rateInput(), '13,155');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(rateInput().getAttribute('aria-invalid')).toBe('true');
    const messages = screen.getAllByRole('alert').map((alert) => alert.textContent);
    expect(messages).toContain(
      'Taux invalide « 13,155 » : indiquez le taux annuel en pourcentage, entre 0 et 100, ' +
        'deux décimales au plus, par exemple 13,15.',
    );
    expect(messages).toContain(
      'Paramètres non enregistrés : corrigez les valeurs signalées ci-dessus.',
    );
    expect(loadSettings(window.localStorage, undefined).penaltyRate).toBe('10');
  });

  test('rate above 100 % rejected', async () => {
    const user = renderTab();

    await user.type(rateInput(), '120');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(screen.getByText(/^Taux invalide « 120 »/)).toBeTruthy();
  });

  test('invalid threshold: message under the field', async () => {
    const user = renderTab();

    await user.clear(minimumInput());
    await user.type(minimumInput(), '-5');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(minimumInput().getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByText(/^Montant invalide « -5 » : indiquez un montant en euros/),
    ).toBeTruthy();
    expect(loadSettings(window.localStorage, undefined).minimumAmount).toBe('0');
  });

  test('emptied threshold saved as 0', async () => {
    const user = renderTab();

    await user.clear(minimumInput());
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(loadSettings(window.localStorage, undefined).minimumAmount).toBe('0');
    expect(minimumInput().value).toBe('0');
  });
});

describe('"Tester la connexion" against a reference server', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({ count: 20, corsOrigins: [PAGE_ORIGIN] });
  });

  afterEach(async () => {
    await server.close();
  });

  async function testWith(apiUrl: string, apiKey: string): Promise<HTMLElement> {
    const user = renderTab();
    await fill(user, apiUrl, apiKey);
    await user.click(screen.getByRole('button', { name: 'Tester la connexion' }));
    return screen.findByText((_, element) => {
      const role = element?.getAttribute('role');
      return (role === 'alert' || role === 'status') && !element?.textContent?.includes('cours');
    });
  }

  test('good key: success with version', async () => {
    const result = await testWith(server.baseUrl, API_KEY);

    expect(result.getAttribute('role')).toBe('status');
    expect(result.textContent).toMatch(
      /^Connexion réussie : service Opisto version \S+, clé d’API acceptée\.$/,
    );
  });

  test('wrong key: key rejected', async () => {
    const result = await testWith(server.baseUrl, 'wrong-key');

    expect(result.getAttribute('role')).toBe('alert');
    expect(result.textContent).toMatch(
      /^Le service Opisto répond \(version \S+\)\. Clé API refusée/,
    );
    expect(result.textContent).not.toContain('wrong-key');
  });

  test('stopped server: unreachable', async () => {
    const { baseUrl } = server;
    await server.app.close();

    const result = await testWith(baseUrl, API_KEY);

    expect(result.getAttribute('role')).toBe('alert');
    expect(result.textContent).toContain('Serveur Opisto injoignable à l’adresse http://127.0.0.1');
    expect(result.textContent).not.toContain(API_KEY);
  });
});
