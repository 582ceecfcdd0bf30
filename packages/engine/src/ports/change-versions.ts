/**
 * Port: store-wide versions of what a server keeps in memory (who calls, a tenant's library), bumped
 * by whichever process makes a change, in the same transaction as the change, so a cache tagged with
 * the version it was read at is stale as soon as the version moved. Reads are synchronous and cost no
 * round trip; a store that cannot tell the version at the moment answers undefined — keep nothing then.
 */
export interface ChangeVersions {
  /** Goes up with every token revoke, session end, user or role change and tenant change, by any process. */
  credentials(): number | undefined;
  /** Goes up with every change to the tenant's SOPs, their versions and workstreams, their run links and those runs' status or times. */
  library(tenantId: string): number | undefined;
}
