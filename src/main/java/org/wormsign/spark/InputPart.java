package org.wormsign.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.wormsign.format.ChunkDirectives;
import org.wormsign.input.BytesAt;
import org.wormsign.input.Input;

/**
 * One task's work: the input at {@code place} among the job's parts, by the name the user gave (or its folder and
 * the path inside it), and where its bytes are: a local file's path, or a Hadoop file system's URI (HDFS, S3 through
 * the cluster's connectors); read up to {@code end} (a line end: a state's run leaves a last line not ended yet for
 * a later run, see {@link Input#upTo}), or -1: all of it. An executor opens it again from this. {@code slice}: the
 * whole input (null), or one range of a large plain file cut in line-aligned ranges, or that file's SHA-256.
 */
record InputPart(int place, String name, String location, boolean hadoop, boolean explicit, long end, Slice slice) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * What of a split input a task does: read its bytes {@code [from, to)} in the format its plan named, begun with
     * the directives {@code primed} in force ({@code range} is its place among the input's ranges), or, for
     * {@code range} {@link #HASH}, hash its first {@code to} bytes.
     */
    record Slice(int range, long from, long to, String formatName, ChunkDirectives.InForce primed) implements Serializable {
        private static final long serialVersionUID = 1L;
        static final int HASH = -1;
    }

    InputPart(int place, String name, String location, boolean hadoop, boolean explicit, long end) {
        this(place, name, location, hadoop, explicit, end, null);
    }

    /** The same input, one range of it, or its hash, as the task at {@code place}. */
    InputPart slice(int place, Slice slice) {
        return new InputPart(place, name, location, hadoop, explicit, end, slice);
    }

    /** The input as the CLI reads it: a local file as a file (its text left there, read back), else a stream. */
    Input open(Configuration conf) {
        if (!hadoop) {
            Input file = Input.file(name, Path.of(location), explicit);
            return end >= 0 ? file.upTo(end) : file;
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        return Input.of(name, () -> path.getFileSystem(conf).open(path), explicit);
    }

    /** Its bytes, read at any offset (a range's, the hash's, and the driver's plan of the ranges). */
    BytesAt bytes(Configuration conf) throws IOException {
        if (!hadoop) return BytesAt.open(Path.of(location));
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        FSDataInputStream in = path.getFileSystem(conf).open(path);
        return new BytesAt() {
            @Override public int read(long position, byte[] b, int off, int len) throws IOException {
                return in.read(position, b, off, len);
            }

            @Override public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Its size now, to say whether it grew or shrank while its ranges were read. */
    long sizeNow(Configuration conf) throws IOException {
        if (!hadoop) return Files.size(Path.of(location));
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        return path.getFileSystem(conf).getFileStatus(path).getLen();
    }

    /** Whether its evidence text can stay in it until written (a local file named by its path), as analyze decides. */
    boolean textStaysInFile() {
        return !hadoop && location.equals(name);
    }
}
