import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: { port: 1420, strictPort: true, watch: { ignored: ["**/src-tauri/**"] } },
  // `css`: stylesheets are read as written, so a test can check app.css (contrast).
  test: { environment: "jsdom", include: ["src/**/*.test.ts"], css: true },
});
