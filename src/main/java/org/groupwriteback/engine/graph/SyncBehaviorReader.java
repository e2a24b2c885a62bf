package org.groupwriteback.engine.graph;

import com.microsoft.graph.models.OnPremisesSyncBehavior;
import com.microsoft.graph.serviceclient.GraphServiceClient;

/**
 * Reads whether a group's source of authority was converted to the cloud: beta
 * {@code GET /groups/{id}/onPremisesSyncBehavior} answers {@code {"isCloudManaged": true|false}} (Microsoft Graph
 * reference, onPremisesSyncBehavior resource). Asked only for groups that carry an on-premises SID, since only
 * groups synced from AD can be converted.
 */
final class SyncBehaviorReader {
    private final GraphServiceClient graph;
    private final GraphErrors errors;
    private final GraphEndpoint endpoint;

    SyncBehaviorReader(GraphServiceClient graph, GraphErrors errors, GraphEndpoint endpoint) {
        this.graph = graph;
        this.errors = errors;
        this.endpoint = endpoint;
    }

    /** Reads {@code isCloudManaged} of every group of the round that carries an on-premises SID into {@code merge}. */
    void read(SnapshotMerge merge) throws CloudException {
        for (String id : merge.groupsWithOnPremisesSid()) {
            CloudId group = CloudId.of(id, "group");
            OnPremisesSyncBehavior b = errors.call("read the source of authority of group " + group,
                    () -> graph.groups().byGroupId(group.value()).onPremisesSyncBehavior()
                            .withUrl(endpoint.betaGroup(group) + "/onPremisesSyncBehavior").get());
            merge.cloudManaged(id, b == null ? null : Boolean.TRUE.equals(b.getIsCloudManaged()));
        }
    }
}
