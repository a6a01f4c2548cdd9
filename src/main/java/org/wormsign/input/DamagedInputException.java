package org.wormsign.input;

import java.io.IOException;

/**
 * Damage found by our own checks (a truncated archive, a bad checksum, data after the last member), where
 * a library would have ended quietly. The message is written for the user and is shown as it is.
 */
public final class DamagedInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public DamagedInputException(String message) {
        super(message);
    }
}
