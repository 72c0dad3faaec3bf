// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** What the add-on loads stays small and readable: the functional zod build. */
const zodMini = { name: "zod", message: "Use zod/mini in the add-on (a tenth of the size)." };

/** The product is src/ alone: it never imports the tests, the harness or the tools. */
const notProduct = ["**/test/**", "**/harness/**", "**/bench/**", "**/eval/**", "**/scripts/**"];

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
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Never render text as HTML: use textContent." },
        { property: "outerHTML", message: "Never render text as HTML: use textContent." },
        { property: "insertAdjacentHTML", message: "Never render text as HTML." },
      ],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    files: ["src/adapters/**/*.ts", "src/features/**/*.ts", "src/pages/**/*.ts", "src/background/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [zodMini], patterns: notProduct }] },
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
