declare const __PREFECT_SECURE_VERSION__: string | undefined;

/** Set by the build from package.json; `dev` when running from source. */
export const VERSION: string = typeof __PREFECT_SECURE_VERSION__ === 'string' ? __PREFECT_SECURE_VERSION__ : 'dev';
