package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When an import must read everything, and how the report words it. */
class FullImportReasonTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "true,  g, u, full import requested",
        "true,  -, -, full import requested",
        "false, -, u, no delta link yet (first import)",
        "false, g, -, no delta link yet (first import)",
        "false, g, u, -"})
    void reasonBeforeImport(boolean requested, String groupsLink, String usersLink, String reason) {
        CloudSnapshot snapshot = new CloudSnapshot();
        snapshot.setGroupsDeltaLink(groupsLink);
        snapshot.setUsersDeltaLink(usersLink);
        assertThat(FullImportReason.before(requested, snapshot)).isEqualTo(reason);
    }
}
