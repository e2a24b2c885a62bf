package org.groupwriteback.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.run.ManagedGroup;
import org.groupwriteback.engine.run.RunJson;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.SyncCycle;
import org.groupwriteback.service.ControlClient;
import org.groupwriteback.service.ControlException;
import org.groupwriteback.service.ControlRequest;
import org.groupwriteback.service.ControlResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wizard's path to a {@code gwb service} running on its data directory, through the local control channel
 * ({@link ControlClient}): the service applies the configuration, runs cycles, lists managed groups and runs,
 * and its scheduler is suspended by a lease that a timer renews while the wizard is open.
 */
final class RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    /** How long the service's scheduler stays suspended unless the wizard renews the lease (every third of it). */
    static final Duration LEASE = Duration.ofSeconds(90);

    private final Path dataDir;
    private ScheduledExecutorService leaseRenewal;

    RunningService(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The running service on the data directory, or empty; {@code what} names the operation in errors. */
    Optional<ControlClient> find(String what) throws ConfigurationException {
        try {
            return ControlClient.find(dataDir);
        } catch (ControlException e) {
            throw new ConfigurationException(what, e.getMessage());
        }
    }

    /** The running service, or empty (also when it cannot be reached: the engine calls then report why). */
    Optional<ControlClient> find() {
        try {
            return ControlClient.find(dataDir);
        } catch (ControlException e) {
            LOG.warn("{}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Has the service apply {@code c}; its refusal comes back with the field errors it named. */
    static void configure(ControlClient service, SyncConfiguration c, boolean releaseManagedGroups,
            String fullImport) throws ConfigurationException {
        ControlResponse r;
        try {
            r = service.call(new ControlRequest.Configure(RunJson.mapper().valueToTree(c), releaseManagedGroups,
                    fullImport));
        } catch (ControlException e) {
            throw new ConfigurationException("configuration", e.getMessage());
        }
        if (r instanceof ControlResponse.Error err) {
            throw err.fieldErrors().isEmpty() ? new ConfigurationException("configuration", err.message())
                    : new ConfigurationException(err.fieldErrors());
        }
    }

    /** The managed groups the service's engine knows. */
    static List<ManagedGroup> managedGroups(ControlClient service) throws DirectoryException {
        try {
            ControlResponse r = service.call(new ControlRequest.ManagedGroups());
            if (r instanceof ControlResponse.Managed m) {
                return m.groups();
            }
            throw new DirectoryException("the service could not list the managed groups: " + r);
        } catch (ControlException e) {
            throw new DirectoryException(e.getMessage());
        }
    }

    /** One cycle run by the service, its progress lines going to {@code progress}. */
    static RunRecord sync(ControlClient service, SyncCycle.Request request, Consumer<String> progress)
            throws ControlException {
        ControlResponse answer = service.call(new ControlRequest.Sync(request.policy(), request.dryRun(),
                request.allowDeletes(), request.adopt(), request.approveDeletesOf()), progress);
        if (!(answer instanceof ControlResponse.Run run)) {
            throw new ControlException(answer instanceof ControlResponse.Error e ? e.message() : answer.toString());
        }
        return run.run();
    }

    /** The service's last {@code max} runs (empty when it cannot answer). */
    static List<RunRecord> runs(ControlClient service, int max) {
        try {
            if (service.call(new ControlRequest.Runs(max)) instanceof ControlResponse.Runs runs) {
                return runs.runs();
            }
        } catch (ControlException e) {
            LOG.warn("{}", e.getMessage());
        }
        return List.of();
    }

    /** Whether a service runs and is in a cycle now. */
    boolean cycleRunning() {
        Optional<ControlClient> service = find();
        try {
            return service.isPresent() && service.get().call(new ControlRequest.Status())
                    instanceof ControlResponse.Status s && s.status().cycleRunning();
        } catch (ControlException ex) {
            LOG.warn("{}", ex.getMessage());
            return false;
        }
    }

    /** Suspends {@code service}'s scheduler by a lease of {@link #LEASE}, renewed until {@link #resume()}. */
    synchronized void suspend(ControlClient service) {
        if (leaseRenewal == null) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gwb-wizard-lease");
                t.setDaemon(true);
                return t;
            });
            leaseRenewal = timer;
            timer.scheduleWithFixedDelay(() -> suspendFor(service), 0, LEASE.toSeconds() / 3, TimeUnit.SECONDS);
        }
    }

    private static void suspendFor(ControlClient service) {
        try {
            service.call(new ControlRequest.Scheduler(null, null, (int) LEASE.toSeconds(), false));
        } catch (ControlException e) {
            LOG.warn("could not renew the scheduler suspension: {}", e.getMessage());
        }
    }

    /** Ends a suspension this wizard holds (stops renewing the lease and resumes the scheduler). */
    synchronized void resume() {
        if (leaseRenewal == null) {
            return;
        }
        leaseRenewal.shutdownNow();
        leaseRenewal = null;
        find().ifPresent(s -> {
            try {
                s.call(new ControlRequest.Scheduler(null, null, null, true));
            } catch (ControlException e) {
                LOG.warn("could not resume the scheduler (it resumes by itself when the lease runs out): {}",
                        e.getMessage());
            }
        });
    }
}
