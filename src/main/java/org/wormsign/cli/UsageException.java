package org.wormsign.cli;

/** A mistake in the command line found after parsing (a bad format string, an unknown format name). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
