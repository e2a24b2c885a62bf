package org.groupwriteback.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncConfigurationTest {
    private static SyncConfiguration with(SyncConfiguration.GroupWriteback gw) {
        return new SyncConfiguration(null, null, null, gw, null, null);
    }

    @Test
    void writebackIsEnabledOnlyWhenSwitchedOnExplicitly() {
        assertThat(with(null).writebackEnabled()).isFalse();
        assertThat(with(new SyncConfiguration.GroupWriteback(null, "OU=x", null, null, null)).writebackEnabled())
                .isFalse();
        assertThat(with(new SyncConfiguration.GroupWriteback(false, "OU=x", null, null, null)).writebackEnabled())
                .isFalse();
        assertThat(with(new SyncConfiguration.GroupWriteback(true, "OU=x", null, null, null)).writebackEnabled())
                .isTrue();
    }

    @Test
    void theDerivedValueIsNotWrittenToTheJson() throws Exception {
        SyncConfiguration c = ConfigurationJson.withDefaults(
                with(new SyncConfiguration.GroupWriteback(true, "OU=x,DC=y", null, null, null)));
        String json = ConfigurationJson.toJson(c);
        assertThat(json).doesNotContain("writebackEnabled").doesNotContain("switchedOn");
        assertThat(ConfigurationJson.parse(json)).isEqualTo(c);
    }
}
