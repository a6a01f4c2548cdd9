package org.wormsign.input;

/** An input, or part of one, that could not be read: where, and why, in words a user can act on. */
public record InputError(String input, String message) {
    @Override public String toString() { return input + ": " + message; }
}
