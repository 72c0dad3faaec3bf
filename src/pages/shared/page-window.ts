/**
 * What a page reads from and does to its own window. The entry file gives the real one; the
 * page tests give their own, so that a page module has no side effect when it is imported.
 */
export interface PageWindow {
  /** The page's query string (`location.search`), e.g. `?tab=12`. */
  readonly search: string;
  /** Closes the page's window (a popup or a small window). */
  close(): void;
}

/** The window the page is shown in. */
export function currentWindow(): PageWindow {
  return {
    search: location.search,
    close: () => {
      window.close();
    },
  };
}
