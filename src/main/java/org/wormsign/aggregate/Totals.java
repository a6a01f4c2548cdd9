package org.wormsign.aggregate;

/** Run-wide counters. Mergeable by addition; all zero is the identity. */
public final class Totals {
    long lines, records, rejected, skipped;
    long codeRed, codeRedII, truncated, nimda, otherIda, sideEffect400, offSchedule;
    /** Requests for /default.ida logged with no query at all: the log cannot say which variant (if any) sent them. */
    long defaultIdaWithoutQuery;
    /** Records read from lines that did not fit their W3C #Fields (another layout, or extra columns set aside). */
    long realigned;
    /** Code Red requests found in rejected lines ({@link SalvagedAttempts}): not attempts of any source, counted apart. */
    long codeRedInRejects, codeRedIIInRejects;
    /** Records, and Code Red attempts among them, whose format logs no time: counted, but in no day, hour or phase. */
    long recordsWithoutTime, attemptsWithoutTime;

    public void merge(Totals o) {
        lines += o.lines;
        records += o.records;
        rejected += o.rejected;
        skipped += o.skipped;
        codeRed += o.codeRed;
        codeRedII += o.codeRedII;
        truncated += o.truncated;
        nimda += o.nimda;
        otherIda += o.otherIda;
        sideEffect400 += o.sideEffect400;
        offSchedule += o.offSchedule;
        defaultIdaWithoutQuery += o.defaultIdaWithoutQuery;
        realigned += o.realigned;
        codeRedInRejects += o.codeRedInRejects;
        codeRedIIInRejects += o.codeRedIIInRejects;
        recordsWithoutTime += o.recordsWithoutTime;
        attemptsWithoutTime += o.attemptsWithoutTime;
    }

    public long lines() { return lines; }
    public long records() { return records; }
    public long rejected() { return rejected; }
    public long skipped() { return skipped; }
    public long codeRed() { return codeRed; }
    public long codeRedII() { return codeRedII; }
    public long truncated() { return truncated; }
    public long nimda() { return nimda; }
    public long otherIda() { return otherIda; }
    public long sideEffect400() { return sideEffect400; }
    public long offSchedule() { return offSchedule; }
    public long defaultIdaWithoutQuery() { return defaultIdaWithoutQuery; }
    public long realigned() { return realigned; }
    public long codeRedInRejects() { return codeRedInRejects; }
    public long codeRedIIInRejects() { return codeRedIIInRejects; }
    public long recordsWithoutTime() { return recordsWithoutTime; }
    public long attemptsWithoutTime() { return attemptsWithoutTime; }
}
