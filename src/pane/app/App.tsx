/**
 * The pane's frame: three tabs, "Relances" (find debtors, pick them, merge), "Modèle" (check the
 * template, insert fields) and "Paramètres" (the back office's address and key).
 */
import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { useState } from 'react';

import { DebtorsTab } from '../debtors/DebtorsTab';
import { SettingsTab } from '../settings/SettingsTab';
import { TemplateTab } from '../template/TemplateTab';

type TabId = 'debtors' | 'template' | 'settings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100vh', minWidth: '300px' },
  tabs: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, flexShrink: 0 },
  panel: { flexGrow: 1, minHeight: 0, overflow: 'auto', padding: tokens.spacingHorizontalM },
});

export function App() {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>('debtors');

  return (
    <div className={styles.root}>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as TabId)}
        aria-label="Sections du volet"
      >
        <Tab value="debtors" id="tab-debtors">
          Relances
        </Tab>
        <Tab value="template" id="tab-template">
          Modèle
        </Tab>
        <Tab value="settings" id="tab-settings">
          Paramètres
        </Tab>
      </TabList>
      <main className={styles.panel} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {/* Every tab stays mounted: the results, the selection, the pieces left out, a running
            merge, the template check and settings typed but not saved yet all survive a visit
            to another tab. */}
        <div hidden={tab !== 'debtors'}>
          <DebtorsTab />
        </div>
        <div hidden={tab !== 'template'}>
          <TemplateTab />
        </div>
        <div hidden={tab !== 'settings'}>
          <SettingsTab />
        </div>
      </main>
    </div>
  );
}
