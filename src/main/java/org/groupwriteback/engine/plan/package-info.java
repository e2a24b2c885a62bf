/**
 * The pure planner: cloud state, managed AD state and configuration in, an ordered {@link
 * org.groupwriteback.engine.plan.Plan} of {@link org.groupwriteback.engine.plan.Change}s out (read through
 * {@link org.groupwriteback.engine.plan.Change.Visitor} or a switch over {@link
 * org.groupwriteback.engine.plan.ChangeKind}), rendered by {@link org.groupwriteback.engine.plan.PlanPrinter}.
 */
package org.groupwriteback.engine.plan;
