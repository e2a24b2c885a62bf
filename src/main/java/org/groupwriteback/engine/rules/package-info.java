/**
 * The writeback rules of {@code behaviour.md} as pure functions: eligibility, target type, names
 * ({@code cn}, DN, {@code sAMAccountName}), managed attributes, member resolution and the member limit.
 */
package org.groupwriteback.engine.rules;
