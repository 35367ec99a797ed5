import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist",
      "dist-server",
      "dist-bench",
      "bench/results",
      "node_modules",
      "test-results",
      "playwright-report",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/**/*.tsx", "src/**/use*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // core/ is pure: it runs in Node, the page and the worker alike.
    files: ["src/core/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react-dom", "react/*", "react-dom/*"],
              message: "src/core must not use React.",
            },
            {
              group: ["zustand", "zustand/*", "recharts"],
              message: "src/core must not use the store or UI libraries.",
            },
            {
              // Both the folder itself ("../../store") and anything inside it.
              group: ["store", "features", "app", "worker", "storage", "ui", "services"].flatMap(
                (folder) => [`@/${folder}`, `@/${folder}/**`, `**/${folder}`, `**/${folder}/**`],
              ),
              message:
                "src/core must not import the store, features, app, worker, storage or services.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", "document", "window", "localStorage"],
    },
  },
  {
    // Features do not import each other; app/ composes them.
    files: ["src/features/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // "../other" from a feature's folder, and any path through a features folder
              // ("../../features/other", "@/features/other").
              regex: "^\\.\\./[^.]|(^|/)features(/|$)|^@/features",
              message: "A feature must not import another feature; compose them in src/app.",
            },
          ],
        },
      ],
    },
  },
  {
    // tests/ holds Node-only helpers (fixture readers, ONNX runners, model makers, the test server):
    // neither the studio's nor the server's own code imports them, only *.test.ts files do. (A rule
    // of its own, so that it adds to the layer rules below instead of replacing them.)
    files: ["src/**", "server/**"],
    ignores: ["src/**/*.test.ts", "server/**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value=/(^|\\/)tests(\\/|$)/]",
          message: "Only *.test.ts files import tests/ (Node-only test helpers).",
        },
      ],
    },
  },
  {
    // The page reaches workers and storage through the store; a value imported from src/worker would
    // pull the worker's code (tf.js with it) onto the page's first load. Types are free.
    files: ["src/features/**", "src/app/**", "src/ui/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["worker", "storage"].flatMap((f) => [
                `@/${f}`,
                `@/${f}/**`,
                `**/${f}`,
                `**/${f}/**`,
              ]),
              allowTypeImports: true,
              message:
                "The page imports only types from src/worker and src/storage; go through the store.",
            },
          ],
        },
      ],
    },
  },
  ...[
    { folder: "services", forbidden: ["worker", "storage", "store", "features", "app", "ui"] },
    { folder: "worker", forbidden: ["store", "features", "app", "storage"] },
    { folder: "storage", forbidden: ["store", "features", "app", "worker", "ui"] },
    // The store reaches workers and IndexedDB only through the services it is built from (main.tsx
    // wires them); its tests build their stores on the in-process implementations.
    {
      folder: "store",
      forbidden: ["worker", "storage", "features", "app"],
      ignores: ["src/store/**/*.test.ts"],
    },
    { folder: "store", forbidden: ["features", "app"], files: ["src/store/**/*.test.ts"] },
    { folder: "ui", forbidden: ["store", "features", "app"] },
  ].map(({ folder, forbidden, ignores = [], files = [`src/${folder}/**`] }) => ({
    // One-way layers: core ← services ← worker and storage (IndexedDB), services ← store ←
    // features ← app; ui is plain components.
    files,
    ignores,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: forbidden.flatMap((f) => [`@/${f}`, `@/${f}/**`, `**/${f}`, `**/${f}/**`]),
              message: `src/${folder} must not import ${forbidden.join(", ")}.`,
            },
          ],
        },
      ],
    },
  })),
);
