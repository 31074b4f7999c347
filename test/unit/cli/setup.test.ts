import { describe, expect, it } from 'vitest';
import { plan } from '../../setup/system.js';

describe('test set-up', () => {
  it('nothing missing: nothing to do; missing as root with apt-get: install; otherwise stop with the apt-get line', () => {
    expect(plan([], false, false).action).toBe('none');
    expect(plan(['chromium', 'redis-server'], true, true).action).toBe('install');
    const stop = plan(['chromium', 'redis-server'], false, true);
    expect(stop.action).toBe('stop');
    expect(stop.advice).toBe('the tests need chromium, redis-server: run  sudo apt-get install -y chromium redis-server  and npm test again');
    expect(plan(['redis-server'], true, false).action).toBe('stop');
  });
});
