// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

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
    // The pure core must not reach the browser, the DOM or Thunderbird.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "messenger", "browser", "document", "window", "chrome"],
      "no-restricted-imports": ["error", { patterns: ["**/adapters/**", "**/pages/**", "**/background/**", "webextension-polyfill", "node:*"] }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
