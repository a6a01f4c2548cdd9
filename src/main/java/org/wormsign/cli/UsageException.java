package org.wormsign.cli;

/**
 * A mistake in the command line found after parsing (a bad format string, an unknown format name), or in a setting
 * an engine reads when it starts (the Spark job's): one line, exit status 2.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
