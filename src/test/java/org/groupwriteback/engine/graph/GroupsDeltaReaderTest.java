package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.models.Group;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Items of a group delta page with ids that are not object ids are skipped, never imported. */
class GroupsDeltaReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-guid", "b0000000-0000-0000-0000-00000000000", "*)(objectClass=*",
        "b0000000-0000-0000-0000-000000000001,OU=Evil", "b0000000-0000-0000-0000-000000000001\ud800", "\u0000"})
    void aGroupWhoseIdIsNotAGuidIsSkipped(String id) {
        assertThat(imported(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"b0000000-0000-0000-0000-000000000001", "B0000000-AAAA-0000-0000-00000000000F"})
    void aGroupWithAGuidIdIsImported(String id) {
        assertThat(imported(id)).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(id));
    }

    private static List<SnapshotMerge.GroupChange> imported(String id) {
        Group item = new Group();
        item.setId(id);
        item.setDisplayName("A group");
        List<SnapshotMerge.GroupChange> seen = new ArrayList<>();
        GroupsDeltaReader.accept(item, seen::add);
        return seen;
    }
}
