package org.groupwriteback.engine.graph;

/**
 * The cloud side of a cycle: signs in to Entra ID and imports groups, members and synced users' SIDs
 * from Microsoft Graph with delta queries, and changes a group's writeback setting. Implementations
 * are thread-safe for one caller at a time.
 */
public interface CloudSource extends AutoCloseable {

    /** Signs in and reads the organization: the live check behind "Connect to Entra ID". */
    TenantInfo test() throws CloudException;

    /**
     * Imports into {@code snapshot}: a delta from its delta links, or a full import when {@code full}
     * is set, when there are no links yet, or when Graph says the delta state is gone (410,
     * {@code syncStateNotFound}, {@code resyncRequired}). A full import removes from the snapshot
     * whatever it no longer saw. Also refreshes the tenant's Microsoft 365 writeback default.
     */
    ImportReport importInto(CloudSnapshot snapshot, boolean full) throws CloudException;

    /** Sets one group's beta {@code writebackConfiguration} (the portal's "Writeback settings"). */
    void setWriteback(String groupId, WritebackConfiguration configuration) throws CloudException;

    /**
     * Sets the tenant's {@code NewUnifiedGroupWritebackDefault} (what new Microsoft 365 groups get); needs
     * {@link RequiredPermissions#TENANT_DEFAULT_WRITE}.
     */
    default void setUnifiedWritebackDefault(boolean value) throws CloudException {
        throw new CloudException("This cloud connection cannot change the tenant default for new Microsoft 365 "
                + "groups: change NewUnifiedGroupWritebackDefault in Entra ID instead");
    }

    /** The tenant's {@code NewUnifiedGroupWritebackDefault} as Graph has it now (absent = true). */
    default boolean unifiedWritebackDefault() throws CloudException {
        throw new CloudException("This cloud connection cannot read the tenant default for new Microsoft 365 groups");
    }

    @Override
    void close();
}
