package org.groupwriteback.service;

import java.time.Duration;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.run.Scheduler;

/** The scheduler settings a configuration gives (enabled and 30 minutes when it says nothing). */
public final class SchedulerSettings {
    private SchedulerSettings() {
    }

    /** The settings of {@code c}. */
    public static Scheduler.Settings of(SyncConfiguration c) {
        SyncConfiguration.Scheduler s = c.scheduler();
        boolean enabled = s == null || s.enabled() == null || s.enabled();
        int minutes = s == null || s.intervalMinutes() == null ? ConfigurationJson.DEFAULT_INTERVAL_MINUTES
                : s.intervalMinutes();
        return new Scheduler.Settings(enabled, Duration.ofMinutes(minutes));
    }

    /** {@code c} with its scheduler changed; a null argument keeps what {@code c} has. */
    public static SyncConfiguration with(SyncConfiguration c, Boolean enabled, Integer intervalMinutes) {
        Scheduler.Settings now = of(c);
        return new SyncConfiguration(c.cloud(), c.directory(), c.ouFilter(), c.groupWriteback(),
                c.deletionThreshold(), new SyncConfiguration.Scheduler(enabled != null ? enabled : now.enabled(),
                        intervalMinutes != null ? intervalMinutes : (int) now.interval().toMinutes()),
                c.stagingMode());
    }
}
