package org.groupwriteback.engine.graph;

import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.delta.DeltaGetResponse;
import java.util.Map;
import java.util.function.Consumer;
import org.groupwriteback.engine.graph.SnapshotMerge.UserChange;

/** Reads users with {@code /users/delta?$select=id,onPremisesSecurityIdentifier,onPremisesSyncEnabled}. */
final class UsersDeltaReader {
    static final String[] USER_SELECT = {"id", "onPremisesSecurityIdentifier", "onPremisesSyncEnabled"};

    private final GraphServiceClient graph;
    private final GraphErrors errors;
    private final Integer pageSize;

    UsersDeltaReader(GraphServiceClient graph, GraphErrors errors, Integer pageSize) {
        this.graph = graph;
        this.errors = errors;
        this.pageSize = pageSize;
    }

    /** Reads from {@code deltaLink} (null = from the start) to the end; returns the new delta link. */
    String read(String deltaLink, Consumer<UserChange> sink) throws CloudException, DeltaStateLost {
        return GraphPages.<User, DeltaGetResponse>delta(graph, errors, "read the user changes", deltaLink,
                () -> graph.users().delta().get(c -> {
                    c.queryParameters.select = USER_SELECT;
                    c.queryParameters.top = pageSize;
                }),
                link -> graph.users().delta().withUrl(link).get(),
                DeltaGetResponse::createFromDiscriminatorValue, item -> {
                    if (item.getId() != null) {
                        sink.accept(change(item));
                    }
                });
    }

    /** The partial user a delta item describes. */
    static UserChange change(User item) {
        Map<String, Object> extra = item.getAdditionalData() == null ? Map.of() : item.getAdditionalData();
        if (extra.get("@removed") != null) {
            return new UserChange(item.getId(), true, false, null, false, null);
        }
        return new UserChange(item.getId(), false,
                ExplicitNulls.has(item, extra, "onPremisesSecurityIdentifier"), item.getOnPremisesSecurityIdentifier(),
                ExplicitNulls.has(item, extra, "onPremisesSyncEnabled"), item.getOnPremisesSyncEnabled());
    }
}
