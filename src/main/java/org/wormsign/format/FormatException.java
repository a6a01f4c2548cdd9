package org.wormsign.format;

/** A format string that cannot be compiled; its message is shown to the user as is. */
public final class FormatException extends RuntimeException {
    public FormatException(String message) {
        super(message);
    }
}
