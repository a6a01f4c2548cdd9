package org.wormsign.aggregate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A state's commit ({@link StateFolder}): which epoch it is, which map and rest file hold it, how the map was
 * sized, how many sources it holds, the inputs absorbed (their SHA-256 and size identify them; the path and the
 * platform's file key are hints for whoever reads it), and each absorbed run's place in the order runs were
 * absorbed ({@code stableFirst}, {@code places}), which evidence in the map cites.
 */
record StateManifest(int format, long epoch, String map, long mapEntries, double valueBytes, long sources, String rest,
                     int places, List<Absorbed> inputs, List<RunPlace> runs) {
    static final int FORMAT = 1;

    StateManifest {
        inputs = List.copyOf(inputs);
        runs = List.copyOf(runs);
    }

    /**
     * An input absorbed: its identity (SHA-256 and size; for an input read on, those of all its content read so far),
     * the platform's file key as a hint, and what reading it on needs (null for inputs that cannot be: compressed,
     * archive members, inputs with errors, states of an older wormsign): its {@code place} (which the map's
     * evidence cites), its {@code lines}, the {@code format} they were read in, and {@code head}, the SHA-256 of its
     * first {@code headBytes} bytes (64 KiB, or all of a smaller one), by which a grown or rotated copy is found
     * without hashing every absorbed file again. {@code covers}: other bytes wholly absorbed as part of it (what it was
     * before it grew, a compressed copy read on from it), which are not to be read again.
     */
    record Absorbed(String path, String sha256, long bytes, String fileKey, Integer place, Long lines, String format, String head,
                    Integer headBytes, List<Identity> covers) {
        Absorbed {
            covers = covers == null ? List.of() : List.copyOf(covers);
        }

        /** Whether these are its bytes, or bytes it covers. */
        boolean holds(String sha, long size) {
            if (sha == null) return false;
            if (sha.equals(sha256) && size == bytes) return true;
            for (Identity c : covers) if (sha.equals(c.sha256()) && size == c.bytes()) return true;
            return false;
        }

        /** Whether a copy that begins with its bytes can be read on from where it ended. */
        boolean resumable() {
            return place != null && lines != null && format != null && head != null && headBytes != null && sha256 != null && bytes > 0;
        }
    }

    /** Bytes by their SHA-256 and size. */
    record Identity(String sha256, long bytes) {}

    record RunPlace(String started, String finished, List<String> arguments, int stableFirst, int places) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static StateManifest empty() {
        return new StateManifest(FORMAT, 0, null, 0, 0, 0, null, 0, List.of(), List.of());
    }

    /** The manifest in {@code file}, or the empty one when there is none (a new state). */
    static StateManifest read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            StateManifest m = JSON.readValue(in, StateManifest.class);
            if (m.format() != FORMAT) {
                throw new StateFolder.Refused("state manifest " + file + " is of format " + m.format() + ", not " + FORMAT + " which this wormsign reads");
            }
            return m;
        } catch (NoSuchFileException e) {
            return empty();
        } catch (JacksonException e) {
            throw new StateFolder.Refused("state manifest " + file + " is damaged: " + e.getOriginalMessage());
        }
    }

    void write(OutputStream out) throws IOException {
        JSON.writeValue(new java.io.FilterOutputStream(out) {
            @Override public void close() throws IOException { flush(); }
        }, this);
    }
}
