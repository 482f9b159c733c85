/** Documented exit codes (README "Exit codes"). */
export const EXIT_OK = 0;
export const EXIT_THRESHOLD = 1;
export const EXIT_ERROR = 2;
