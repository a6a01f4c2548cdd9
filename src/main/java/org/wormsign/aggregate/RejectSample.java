package org.wormsign.aggregate;

import org.wormsign.format.Reject;

/** A line that could not be read as a record, kept so a user can see why. */
public record RejectSample(long inputIndex, String input, long line, long offset, Reject reason, String raw) {}
