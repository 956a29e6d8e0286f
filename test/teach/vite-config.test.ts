// The web app's build lists teaching mode as a page, with relative asset paths so the
// built files open from any static server or folder.
import { expect, test } from 'vitest';
import { loadConfigFromFile } from 'vite';

test('ui/vite.config.ts builds teach.html beside the app, with base "./"', async () => {
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, 'ui/vite.config.ts');
  const config = loaded!.config;
  expect(config.base).toBe('./');
  const input = (config.build?.rolldownOptions?.input ?? config.build?.rollupOptions?.input) as Record<string, string>;
  expect(Object.values(input).some((p) => p.endsWith('/ui/teach.html'))).toBe(true);
});
