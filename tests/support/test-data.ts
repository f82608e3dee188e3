/** The tiny data set the tests load ends here, so they read the same data on every run and every day. */
export const TEST_UNTIL = '2026-11-15';
