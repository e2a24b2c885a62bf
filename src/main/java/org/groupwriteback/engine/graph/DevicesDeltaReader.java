package org.groupwriteback.engine.graph;

import com.microsoft.graph.devices.delta.DeltaGetResponse;
import com.microsoft.graph.models.Device;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.util.Map;

/**
 * Reads devices with {@code /devices/delta?$select=id,onPremisesSecurityIdentifier,onPremisesSyncEnabled}: the SIDs
 * of hybrid-joined computers, by which device members of a group are found in AD.
 */
final class DevicesDeltaReader {
    static final String[] DEVICE_SELECT = {"id", "onPremisesSecurityIdentifier", "onPremisesSyncEnabled"};

    private final GraphServiceClient graph;
    private final GraphErrors errors;
    private final Integer pageSize;

    DevicesDeltaReader(GraphServiceClient graph, GraphErrors errors, Integer pageSize) {
        this.graph = graph;
        this.errors = errors;
        this.pageSize = pageSize;
    }

    /** Reads from {@code deltaLink} (null = from the start) to the end into {@code merge}; returns the new link. */
    String read(String deltaLink, SnapshotMerge merge) throws CloudException, DeltaStateLost {
        return GraphPages.<Device, DeltaGetResponse>delta(graph, errors, "read the device changes", deltaLink,
                () -> graph.devices().delta().get(c -> {
                    c.queryParameters.select = DEVICE_SELECT;
                    c.queryParameters.top = pageSize;
                }),
                link -> graph.devices().delta().withUrl(link).get(),
                DeltaGetResponse::createFromDiscriminatorValue, item -> {
                    if (item.getId() != null) {
                        merge.device(item.getId(), device(item));
                    }
                });
    }

    /** The device a delta item describes, or null when it was removed. */
    static CloudDevice device(Device item) {
        Map<String, Object> extra = item.getAdditionalData() == null ? Map.of() : item.getAdditionalData();
        if (extra.get("@removed") != null) {
            return null;
        }
        return new CloudDevice(item.getId(), item.getOnPremisesSecurityIdentifier(), item.getOnPremisesSyncEnabled());
    }
}
