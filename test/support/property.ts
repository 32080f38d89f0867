// `test.prop([arbitraries], params)(name, body)`: a property as one Vitest test, run by
// fast-check's own `assert` (seed, path and counterexample in the failure; FC_SEED and
// FC_NUM_RUNS apply through fast-check-setup.ts). It replaces @fast-check/vitest, whose import
// took 2 to 4 seconds in every test file that used it (it builds its `.prop` onto every chain of
// Vitest's test modifiers at load): 35 files, about a minute of the suite.
import fc from 'fast-check';
import { test as vitestTest } from 'vitest';

export { fc };

type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };

/** Declares a test that checks `body` holds for every value the arbitraries generate. */
function prop<Ts extends [unknown, ...unknown[]]>(arbitraries: Arbitraries<Ts>, params?: fc.Parameters<Ts>) {
  return (name: string, body: (...values: Ts) => unknown, timeout?: number): void => {
    vitestTest(
      name,
      async () => {
        const all = fc.tuple(...(arbitraries as unknown as fc.Arbitrary<unknown>[])) as unknown as fc.Arbitrary<Ts>;
        const property = fc.asyncProperty(all, async (values) => {
          await body(...values);
        });
        await fc.assert(property, params as fc.Parameters<[Ts]> | undefined);
      },
      timeout,
    );
  };
}

/** `test.prop`, as @fast-check/vitest spelled it (only `.prop` is used here). */
export const test = { prop };
