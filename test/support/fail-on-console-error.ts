// A test that makes the code print console.error has hit something unexpected:
// fail it instead of letting the noise scroll past.
import { afterEach, vi } from 'vitest';

let errors: unknown[][] = [];

vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  errors.push(args);
});

afterEach(() => {
  const seen = errors;
  errors = [];
  if (seen.length > 0) {
    throw new Error(`console.error was called:\n${seen.map((args) => args.map(String).join(' ')).join('\n')}`);
  }
});
