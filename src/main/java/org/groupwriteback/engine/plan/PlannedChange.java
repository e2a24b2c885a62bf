package org.groupwriteback.engine.plan;

/**
 * One change of a plan in printable form (dry-run output, run records): kind (its wire name), cloud
 * group, DN and a detail. Made by {@link PlanPrinter#describe(Change)}.
 */
public record PlannedChange(String kind, String cloudId, String dn, String detail) {
    @Override
    public String toString() {
        return PlanPrinter.line(this);
    }
}
