package org.groupwriteback.engine.graph;

/**
 * A group's beta {@code writebackConfiguration}: {@code isEnabled} (null = not set, the tenant default
 * applies to Microsoft 365 groups) and {@code onPremisesGroupType} (null = the default type).
 */
public record WritebackConfiguration(Boolean isEnabled, String onPremisesGroupType) {
    /** Neither value set. */
    public static final WritebackConfiguration UNSET = new WritebackConfiguration(null, null);
}
