/**
 * The button of the message header (`message_display_action`). It cannot be hidden per
 * message, only enabled or disabled per tab, with a label and a title (its tooltip).
 */
export async function setActionState(tabId: number, enabled: boolean, title: string, label?: string): Promise<void> {
  await messenger.messageDisplayAction.setTitle({ tabId, title });
  if (label !== undefined) await messenger.messageDisplayAction.setLabel({ tabId, label });
  if (enabled) await messenger.messageDisplayAction.enable(tabId);
  else await messenger.messageDisplayAction.disable(tabId);
}

export function onActionClicked(listener: (tabId: number) => void): void {
  messenger.messageDisplayAction.onClicked.addListener((tab) => {
    if (tab.id !== undefined) listener(tab.id);
  });
}
