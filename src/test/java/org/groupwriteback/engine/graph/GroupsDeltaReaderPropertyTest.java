package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.models.Group;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.groupwriteback.testsupport.HostileStrings;

/** Generated hostile ids in a group delta page: none is ever imported. */
class GroupsDeltaReaderPropertyTest {

    @Property(tries = 200)
    void noHostileIdIsEverImported(@ForAll("invalidIds") String id) {
        Group item = new Group();
        item.setId(id);
        List<SnapshotMerge.GroupChange> seen = new ArrayList<>();
        GroupsDeltaReader.accept(item, seen::add);
        assertThat(seen).isEmpty();
    }

    @Provide
    Arbitrary<String> invalidIds() {
        return HostileStrings.invalidIds();
    }
}
