package org.groupwriteback.engine.run;

/** Names of the settings the engine keeps in the state store's {@code setting} table. */
public final class EngineSettings {
    /** SHA-256 of the sync-relevant configuration at the last import; a different hash forces a full import. */
    public static final String CONFIG_HASH = "config.hash";
    /** When present, the next cycle does a full import; the value says why (set by the wizard). */
    public static final String FULL_IMPORT_PENDING = "import.fullPending";

    /** When present, the next cycle reads every managed group from AD again; the value says why. */
    public static final String AD_FULL_READ_PENDING = "ad.fullReadPending";

    private EngineSettings() {
    }
}
