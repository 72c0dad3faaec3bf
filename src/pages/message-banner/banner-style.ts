/**
 * The banner's own style, inside its shadow root: nothing of the message's CSS reaches it,
 * nothing of it reaches the message. Colours follow the light or dark scheme; the focus is
 * always visible.
 */
export const BANNER_CSS = `
:host { all: initial; display: block; }
.banner {
  --fg: #1b1b1f; --bg: #f3f6fb; --edge: #5a6b85; --muted: #3f4550; --btn-bg: #ffffff; --btn-fg: #1b1b1f; --focus: #0b57d0; --link: #0b57d0;
  box-sizing: border-box; margin: 0 0 12px; padding: 10px 14px; border: 1px solid var(--edge); border-inline-start-width: 6px;
  border-radius: 6px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Cantarell, sans-serif; text-align: start;
}
.banner[data-tone="open"] { --edge: #2e7d32; --bg: #f1f8f1; }
.banner[data-tone="closed"] { --edge: #6b7280; --bg: #f4f4f5; }
.banner[data-tone="problem"] { --edge: #c62828; --bg: #fdf2f2; }
.banner[data-tone="delay"] { --edge: #b26a00; --bg: #fff8e6; }
.banner[data-tone="read"] { --edge: #2e7d32; --bg: #f1f8f1; }
.banner[data-tone="info"] { --edge: #1565c0; --bg: #eef4fc; }
@media (prefers-color-scheme: dark) {
  .banner { --fg: #ececf1; --bg: #23262d; --muted: #c5c9d3; --btn-bg: #2f333b; --btn-fg: #ececf1; --focus: #8ab4f8; --link: #8ab4f8; }
  .banner[data-tone="open"], .banner[data-tone="read"] { --edge: #66bb6a; --bg: #1d2a1f; }
  .banner[data-tone="closed"] { --edge: #9ca3af; --bg: #26282c; }
  .banner[data-tone="problem"] { --edge: #ef5350; --bg: #2e1f20; }
  .banner[data-tone="delay"] { --edge: #ffb74d; --bg: #2d2618; }
  .banner[data-tone="info"] { --edge: #64b5f6; --bg: #1c2430; }
}
p { margin: 0 0 4px; }
.title { font-weight: 600; font-size: 15px; }
.detail, .note { color: var(--muted); }
.state { font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; margin-top: 8px; }
button {
  font: inherit; color: var(--btn-fg); background: var(--btn-bg); border: 1px solid var(--edge); border-radius: 4px;
  padding: 4px 12px; cursor: pointer;
}
button:disabled { opacity: 0.6; cursor: default; }
a { color: var(--link); text-decoration: underline; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
