/** The add-on's toolbar button (`action`). The only module that calls `messenger.action`. */

/** Clicks on the toolbar button. Must be called synchronously at the top of the background. */
export function onActionClicked(listener: () => void): void {
  messenger.action.onClicked.addListener(() => {
    listener();
  });
}
