/** Facts about PostgreSQL outside the stack and Prefect's ways to reach it (read in prefect/server/database/configurations.py and the plugins). */

/** Where every Prefect process finds the CA of the database server. */
export const DATABASE_CA_IN_CONTAINER = '/etc/prefect-secure/database-ca.pem';

/** The CA file the generator writes for Azure (azureRoots.ts). */
export const AZURE_CA_FILE = 'database/azure-ca.pem';

/** Amazon's bundle of every RDS region's roots (they are in no public store). */
export const RDS_CA_BUNDLE_URL = 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';

/**
 * Prefect's TLS settings for asyncpg (SQLAlchemyTLSSettings; single
 * underscores: the `CONNECT_ARGS__TLS__ENABLED` form is not read). Enabled,
 * they verify the certificate (CERT_REQUIRED) and the host name against
 * the CA file, or the system's CAs without one.
 */
export const TLS_SETTINGS = {
  enabled: 'PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_ENABLED',
  caFile: 'PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CA_FILE',
} as const;

/**
 * The sign-in plugins. Prefect merges a plugin's connect args last, and both
 * set `ssl = ssl.create_default_context()`: Prefect's TLS settings (the CA
 * file) no longer apply, and the server is verified against OpenSSL's
 * default paths, which SSL_CERT_FILE names (the system's CA directory stays
 * in use besides it, so public CAs still verify).
 */
export const PLUGINS = {
  azure: {
    name: 'azure',
    enabled: 'PREFECT_INTEGRATIONS_AZURE_POSTGRES_MANAGED_IDENTITY_ENABLED',
    option: 'PREFECT_INTEGRATIONS_AZURE_POSTGRES_MANAGED_IDENTITY_CLIENT_ID',
  },
  aws: {
    name: 'aws',
    enabled: 'PREFECT_INTEGRATIONS_AWS_RDS_IAM_ENABLED',
    option: 'PREFECT_INTEGRATIONS_AWS_RDS_IAM_REGION_NAME',
  },
} as const;
