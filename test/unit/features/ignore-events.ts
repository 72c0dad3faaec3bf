/** For the tests that register a whole feature but drive only some of its events. */
import type { FakeThunderbird } from "../fakes/messenger.js";

/** The listeners the features add that such a test does not drive: accepted and left alone. */
export function ignoreFeatureEvents(fake: () => FakeThunderbird): void {
  const ignored = { addListener: () => undefined };
  fake().override("messageDisplay", "onMessagesDisplayed", ignored as never);
  fake().override("messageDisplayAction", "onClicked", ignored as never);
  fake().override("compose", "onAfterSend", ignored as never);
  fake().override("commands", "onCommand", ignored as never);
  fake().override("menus", "onClicked", ignored as never);
  fake().override("menus", "onShown", ignored as never);
  fake().override("action", "onClicked", ignored as never);
}
