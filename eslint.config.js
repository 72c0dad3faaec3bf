// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** What the add-on loads stays small and readable: the functional zod build. */
const zodMini = { name: "zod", message: "Use zod/mini in the add-on (a tenth of the size)." };

/** The product is src/ alone: it never imports the tests, the harness or the tools. */
const notProduct = ["**/test/**", "**/harness/**", "**/bench/**", "**/eval/**", "**/scripts/**"];

/** Never render text as HTML (every file). */
const noHtml = [
  { property: "innerHTML", message: "Never render text as HTML: use textContent." },
  { property: "outerHTML", message: "Never render text as HTML: use textContent." },
  { property: "insertAdjacentHTML", message: "Never render text as HTML." },
];

/** Outside src/adapters/, Thunderbird is not reached through the global object either. */
const noGlobalApi = ["globalThis", "window", "self"].flatMap((object) =>
  ["messenger", "browser", "chrome"].map((property) => ({ object, property, message: "Call Thunderbird through src/adapters/ only." })),
);

/** The typed root of `messenger` belongs to the adapters: nothing else imports it. */
const rawRoot = { group: ["**/adapters/thunderbird", "**/adapters/thunderbird.js"], message: "Only src/adapters/ may use the raw Thunderbird root." };

/** One install listener: the background registers it for every feature (docs/ARCHITECTURE.md). */
const installListener = {
  group: ["**/adapters/runtime", "**/adapters/runtime.js"],
  importNames: ["onInstalled", "onStartup"],
  message: "Only the background listens to onInstalled and onStartup; a feature declares install() and startup() in the registry.",
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "web-ext-artifacts/", ".sandbox/"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "no-restricted-properties": ["error", ...noHtml],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    files: ["src/adapters/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [zodMini], patterns: notProduct }] },
  },
  {
    files: ["src/features/**/*.ts", "src/pages/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [zodMini], patterns: [...notProduct.map((p) => ({ group: [p] })), rawRoot, installListener] }] },
  },
  {
    // The background registers every feature, nothing else: it imports the features and the
    // runtime adapter (its install and startup events), no other adapter, core or page.
    files: ["src/background/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [zodMini],
          patterns: [
            ...notProduct.map((p) => ({ group: [p] })),
            {
              group: ["**/adapters/*", "!**/adapters/runtime", "!**/adapters/runtime.js", "**/core/**", "**/pages/**"],
              message: "The background imports the features and adapters/runtime only (docs/ARCHITECTURE.md).",
            },
          ],
        },
      ],
    },
  },
  {
    // One adapter per API area is the only caller of Thunderbird: features, pages and the
    // background reach it through src/adapters, which parse what comes back.
    files: ["src/features/**/*.ts", "src/pages/**/*.ts", "src/background/**/*.ts", "src/cli/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "messenger", message: "Call Thunderbird through src/adapters/ only." },
        { name: "browser", message: "Call Thunderbird through src/adapters/ only." },
        { name: "chrome", message: "Call Thunderbird through src/adapters/ only." },
      ],
      "no-restricted-properties": ["error", ...noHtml, ...noGlobalApi],
    },
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: notProduct }] },
  },
  {
    // The pure core must not reach the browser, the DOM, Node or Thunderbird.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "messenger", "browser", "document", "window", "chrome"],
      "no-restricted-imports": [
        "error",
        {
          paths: [zodMini],
          patterns: ["**/adapters/**", "**/pages/**", "**/background/**", "**/features/**", ...notProduct, "node:*"],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
