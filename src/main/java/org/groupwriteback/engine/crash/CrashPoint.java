package org.groupwriteback.engine.crash;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named point of a sync cycle where the crash tests pause the engine. With
 * {@code -Dgwb.test.pauseAt=<point>[:<qualifier>][#<n>]} (e.g. {@code after-write:create#3}) the engine
 * prints {@code PAUSED <spec>} to stderr the n-th time it reaches that point and blocks there forever, so
 * the test can SIGKILL the process at exactly that moment; {@code census} instead prints
 * {@code REACHED <point>[:<qualifier>]} at every point and never pauses, so a test can count them first.
 * Without the property, {@link #reach()} is one check of a static final field.
 */
public enum CrashPoint {
    /** During the Graph import, after one item of a page was read (qualifier: its type, {@code Group} or {@code User}). */
    IMPORT_ITEM,
    /** The import finished, the snapshot is not saved yet. */
    IMPORT_DONE,
    /** The imported snapshot was saved, nothing was written to AD yet. */
    SNAPSHOT_SAVED,
    /** A change's intent is recorded, its LDAP write has not started (qualifier: the change kind). */
    BEFORE_WRITE,
    /** A change's LDAP write succeeded, its result and anchor are not recorded yet (qualifier: the change kind). */
    AFTER_WRITE,
    /** Between two member batches of one group's member add or remove. */
    MEMBER_BATCH,
    /** Inside a state store transaction, before its commit. */
    STATE_TX;

    /** The system property that names the point to pause at. */
    public static final String PROPERTY = "gwb.test.pauseAt";
    /** The property value that lists every point reached instead of pausing. */
    public static final String CENSUS = "census";

    private static final Target TARGET = Target.parse(System.getProperty(PROPERTY));

    /** Pauses here for ever when the property names this point (any qualifier) and this is its n-th time. */
    public void reach() {
        if (TARGET != null) {
            TARGET.reached(this, null, System.err);
        }
    }

    /** As {@link #reach()}, for a point with a qualifier (such as the kind of change being written). */
    public void reach(String qualifier) {
        if (TARGET != null) {
            TARGET.reached(this, qualifier, System.err);
        }
    }

    /** The name used in the property: lower case with dashes ({@code after-write}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The parsed property: one point, an optional qualifier and which occurrence pauses; or the census. */
    static final class Target {
        private final String spec;
        private final CrashPoint point;
        private final String qualifier;
        private final int nth;
        private final AtomicInteger seen = new AtomicInteger();

        private Target(String spec, CrashPoint point, String qualifier, int nth) {
            this.spec = spec;
            this.point = point;
            this.qualifier = qualifier;
            this.nth = nth;
        }

        /** Null for an unset or blank property; a bad point name or count is refused with the valid forms. */
        static Target parse(String spec) {
            if (spec == null || spec.isBlank()) {
                return null;
            }
            if (spec.trim().equals(CENSUS)) {
                return new Target(CENSUS, null, null, 0);
            }
            String rest = spec.trim();
            int nth = 1;
            int hash = rest.indexOf('#');
            if (hash >= 0) {
                try {
                    nth = Integer.parseInt(rest.substring(hash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(PROPERTY + "=" + spec + ": the count after # must be a number");
                }
                if (nth < 1) {
                    throw new IllegalArgumentException(PROPERTY + "=" + spec + ": the count after # must be 1 or more");
                }
                rest = rest.substring(0, hash);
            }
            String qualifier = null;
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                qualifier = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            for (CrashPoint p : values()) {
                if (p.label().equals(rest)) {
                    return new Target(spec.trim(), p, qualifier, nth);
                }
            }
            throw new IllegalArgumentException(PROPERTY + "=" + spec + ": unknown point '" + rest
                    + "'; use <point>[:<qualifier>][#<n>] with a point of " + Arrays.stream(values())
                    .map(CrashPoint::label).toList());
        }

        /** True (after printing the PAUSED line) when this call is the occurrence to pause at. */
        boolean matches(CrashPoint at, String atQualifier) {
            if (at != point || (qualifier != null && !qualifier.equals(atQualifier))) {
                return false;
            }
            return seen.incrementAndGet() == nth;
        }

        void reached(CrashPoint at, String atQualifier, PrintStream err) {
            if (point == null) {
                err.println("REACHED " + at.label() + (atQualifier == null ? "" : ":" + atQualifier));
                return;
            }
            if (!matches(at, atQualifier)) {
                return;
            }
            err.println("PAUSED " + spec);
            err.flush();
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // Keep waiting: only the kill ends this pause.
                }
            }
        }
    }
}
