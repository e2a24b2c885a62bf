/**
 * Named points of a sync cycle where a test can pause the engine (a system property) to kill the
 * process there; without the property every point is a no-op.
 */
package org.groupwriteback.engine.crash;
