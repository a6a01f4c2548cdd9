package org.wormsign.spark;

import java.io.Serializable;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.wormsign.input.Input;

/**
 * One task's work: the input at {@code place} among the job's inputs, by the name the user gave (or its folder
 * and the path inside it), and where its bytes are: a local file's path, or a Hadoop file system's URI (HDFS, S3
 * through the cluster's connectors). An executor opens it again from this.
 */
record InputPart(int place, String name, String location, boolean hadoop, boolean explicit) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The input as the CLI reads it: a local file as a file (its text left there, read back), else a stream. */
    Input open(Configuration conf) {
        if (!hadoop) return Input.file(name, Path.of(location), explicit);
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        return Input.of(name, () -> path.getFileSystem(conf).open(path), explicit);
    }
}
