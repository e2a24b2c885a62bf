/**
 * The pure planner: cloud state, managed AD state and configuration in, an ordered {@link
 * org.groupwriteback.engine.plan.Plan} of {@link org.groupwriteback.engine.plan.Change}s out, printable
 * for a dry run by {@link org.groupwriteback.engine.plan.PlanPrinter}.
 */
package org.groupwriteback.engine.plan;
