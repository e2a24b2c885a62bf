package org.groupwriteback.engine.run;

import java.util.Map;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.Collision;

/**
 * A cycle's working view of what it manages in AD: the directory's facts, the anchors by cloud id, the
 * managed groups by objectGUID and the remembered collisions whose blocking object has not changed. The
 * maps are mutable: adoption and the applier keep them current.
 */
record AdState(DirectoryInfo info, Map<String, Anchor> anchors, Map<ObjectGuid, AdGroup> managed,
        Map<String, Collision> collisions) {

    AdState(DirectoryInfo info, Map<String, Anchor> anchors, Map<ObjectGuid, AdGroup> managed) {
        this(info, anchors, managed, new java.util.HashMap<>());
    }
}
