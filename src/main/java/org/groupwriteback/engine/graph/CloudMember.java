package org.groupwriteback.engine.graph;

import java.util.Objects;

/** A member of a cloud group: its object id and what kind of object it is. */
public record CloudMember(String id, Kind kind) {

    /** The member's {@code @odata.type}. */
    public enum Kind {
        USER, GROUP, DEVICE, OTHER;

        /** Maps an {@code @odata.type} such as {@code #microsoft.graph.user}. */
        public static Kind fromODataType(String odataType) {
            if (odataType == null) {
                return OTHER;
            }
            return switch (odataType) {
                case "#microsoft.graph.user" -> USER;
                case "#microsoft.graph.group" -> GROUP;
                case "#microsoft.graph.device" -> DEVICE;
                default -> OTHER;
            };
        }
    }

    public CloudMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    public static CloudMember user(String id) {
        return new CloudMember(id, Kind.USER);
    }

    public static CloudMember group(String id) {
        return new CloudMember(id, Kind.GROUP);
    }

    public static CloudMember device(String id) {
        return new CloudMember(id, Kind.DEVICE);
    }
}
