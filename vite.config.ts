// One config for the web app (ui/, later) and the test runner.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The validation suite runs long simulations; keep the default worker pool but allow time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
