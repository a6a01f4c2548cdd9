package org.wormsign.aggregate;

/** Attempts by the status their target answered: the side effect (400), not found (404), OK (200), other. */
public final class StatusCounts {
    private long s400, s404, s200, other;

    public void add(int status) {
        switch (status) {
            case 400: s400++; break;
            case 404: s404++; break;
            case 200: s200++; break;
            default: other++;
        }
    }

    public void merge(StatusCounts o) {
        s400 += o.s400;
        s404 += o.s404;
        s200 += o.s200;
        other += o.other;
    }

    void write(SnapshotFile.Out o) throws java.io.IOException {
        o.longs(s400, s404, s200, other);
    }

    void read(SnapshotFile.In in) throws java.io.IOException {
        s400 = in.d.readLong();
        s404 = in.d.readLong();
        s200 = in.d.readLong();
        other = in.d.readLong();
    }

    public long status400() { return s400; }
    public long status404() { return s404; }
    public long status200() { return s200; }
    public long other() { return other; }
    public long total() { return s400 + s404 + s200 + other; }
}
