/**
 * The manifest's FunctionFile (commands.html). The only ribbon command, "Relances", opens the
 * task pane (a ShowTaskpane action), so no function is registered here; Word still loads this
 * page and waits for Office.js to be initialised in it.
 */
void Office.onReady();
