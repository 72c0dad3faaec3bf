/** Moving mail between Local Folders from chrome code, as Thunderbird's own move does. */

/**
 * Chrome code declaring `moveMessage(from, hdr, to)`: moves the message `hdr` of folder `from`
 * into folder `to` through the copy service; resolves once the service says it is done, and
 * fails when it says the move failed or after 15 s. Put it at the start of a chrome script.
 */
export const MOVE_MESSAGE = String.raw`function moveMessage(from, hdr, to) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("move timed out")), 15000);
    const stop = (status) => {
      clearTimeout(timer);
      if (Components.isSuccessCode(status)) resolve();
      else reject(new Error("move failed: 0x" + (status >>> 0).toString(16)));
    };
    // Method names as Thunderbird 153 calls them (camelCase), and as older versions did.
    const listener = {
      onStartCopy() {},
      onProgress() {},
      setMessageKey() {},
      getMessageId() { return ""; },
      onStopCopy: stop,
      OnStartCopy() {},
      OnProgress() {},
      SetMessageKey() {},
      GetMessageId() { return ""; },
      OnStopCopy: stop,
      QueryInterface: ChromeUtils.generateQI(["nsIMsgCopyServiceListener"]),
    };
    MailServices.copy.copyMessages(from, [hdr], to, true, listener, null, false);
  });
}`;
