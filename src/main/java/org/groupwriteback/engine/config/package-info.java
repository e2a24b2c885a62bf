/**
 * The sync configuration: the JSON of {@code cli.md} ({@link org.groupwriteback.engine.config.ConfigurationJson}),
 * its offline rules ({@link org.groupwriteback.engine.config.ConfigurationValidator}) and the OU filter as a
 * scope ({@link org.groupwriteback.engine.config.OuScope}). No network access here.
 */
package org.groupwriteback.engine.config;
