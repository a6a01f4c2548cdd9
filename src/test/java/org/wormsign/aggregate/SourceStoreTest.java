package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.testing.Runs;

/**
 * One suite over both stores (STYLE.md 8): the heap store of a one-shot run and the Chronicle Map store of a
 * state obey the merge laws of {@link SourceSummary#merge}: the identity, any order and any grouping, and
 * inputs read apart then merged equal one run over all of them, compared in the summaries' binary form.
 */
class SourceStoreTest {
    /** Text kept in memory only: these summaries spill nothing. */
    private static final EvidenceText.Reader NO_SPILL = EvidenceText.standingAlone(new TextSpill()).reader();

    /** Logs from several simulated servers that share sources, so merging meets the same source from several parts. */
    private static final List<String> LOGS = List.of("sample-logs/apache-1.3/access_log", "sample-logs/apache-2.4/access_log",
            "sample-logs/hand-made/access_log", "sample-logs/nginx/access.log");

    /** CHRONICLE_REOPENED: a map closed and opened again at every lookup, as a large night's is past its mapped pages. */
    enum Kind { HEAP, CHRONICLE, CHRONICLE_REOPENED }

    @TempDir Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private int made;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    private SourceStore store(Kind kind) throws IOException {
        if (kind == Kind.HEAP) return new HeapStore();
        Path file = dir.resolve("map-" + made++ + ".cm");
        ChronicleStore s = kind == Kind.CHRONICLE ? ChronicleStore.open(file, 2048, 600, new TextBudget(1L << 30))
                : ChronicleStore.open(file, 2048, 600, new TextBudget(1L << 30), -1, 1);
        open.add(s);
        return s;
    }

    /** The sources of one run over {@code logs}, their evidence citing input places from {@code firstPlace}. */
    private static List<SourceSummary> sources(List<String> logs, int firstPlace) {
        Snapshot s = Analyzer.run(Runs.options(logs)).snapshot();
        List<SourceSummary> out = new ArrayList<>(s.aggregate().sources.values());
        long shift = (long) firstPlace << 32;
        for (SourceSummary x : out) x.evidence().renumberInputs(i -> i + shift);
        return out;
    }

    private static byte[] bytes(SourceSummary s) throws IOException {
        return ChronicleStore.encode(s, NO_SPILL);
    }

    /** Source → its summary's bytes, of everything in {@code store}. */
    private static Map<String, byte[]> contents(SourceStore store) throws IOException {
        Map<String, byte[]> all = new HashMap<>();
        List<SourceSummary> each = new ArrayList<>();
        store.forEach(each::add);
        for (SourceSummary s : each) all.put(s.source(), bytes(s));
        assertEquals(store.size(), all.size());
        return all;
    }

    private static Map<String, byte[]> oneRun() throws IOException {
        Map<String, byte[]> all = new HashMap<>();
        for (SourceSummary s : sources(LOGS, 0)) all.put(s.source(), bytes(s));
        return all;
    }

    private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
    }

    @ParameterizedTest @EnumSource(Kind.class)
    void inputsMergedOneByOneEqualOneRunOverAll(Kind kind) throws IOException {
        SourceStore store = store(kind);
        int sharedSources = 0;
        for (int i = 0; i < LOGS.size(); i++) {
            for (SourceSummary s : sources(List.of(LOGS.get(i)), i)) {
                if (store.get(s.source()) != null) sharedSources++;
                store.merge(s, NO_SPILL);
            }
        }
        assertTrue(sharedSources >= 5, "the logs share too few sources to test a merge: " + sharedSources);
        assertSame(oneRun(), contents(store));
    }

    @ParameterizedTest @EnumSource(Kind.class)
    void theOrderOfMergingDoesNotMatter(Kind kind) throws IOException {
        SourceStore store = store(kind);
        for (int i = LOGS.size() - 1; i >= 0; i--) {
            for (SourceSummary s : sources(List.of(LOGS.get(i)), i)) store.merge(s, NO_SPILL);
        }
        assertSame(oneRun(), contents(store));
    }

    @ParameterizedTest @EnumSource(Kind.class)
    void groupingDoesNotMatter(Kind kind) throws IOException {
        // (a + (b + c + d)): the last three merged on the heap first, then into the store holding a.
        SourceStore store = store(kind);
        for (SourceSummary s : sources(List.of(LOGS.get(0)), 0)) store.merge(s, NO_SPILL);
        HeapStore rest = new HeapStore();
        for (int i = 1; i < LOGS.size(); i++) for (SourceSummary s : sources(List.of(LOGS.get(i)), i)) rest.merge(s, NO_SPILL);
        List<SourceSummary> merged = new ArrayList<>();
        rest.forEach(merged::add);
        for (SourceSummary s : merged) store.merge(s, NO_SPILL);
        assertSame(oneRun(), contents(store));
    }

    @ParameterizedTest @EnumSource(Kind.class)
    void theEmptySummaryIsTheIdentity(Kind kind) throws IOException {
        SourceStore store = store(kind);
        for (SourceSummary s : sources(LOGS, 0)) store.merge(s, NO_SPILL);
        Map<String, byte[]> before = contents(store);
        for (String source : before.keySet()) store.merge(new SourceSummary(source), NO_SPILL);
        assertSame(before, contents(store));
        // Into an empty store, the empty summary is kept as it is.
        SourceStore empty = store(kind);
        empty.merge(new SourceSummary("192.0.2.7"), NO_SPILL);
        assertArrayEquals(bytes(new SourceSummary("192.0.2.7")), bytes(empty.get("192.0.2.7")));
        assertNull(empty.get("192.0.2.8"));
        assertEquals(1, empty.size());
    }

    @ParameterizedTest @EnumSource(Kind.class)
    void namedAndIpv6SourcesAreKeptApartFromAddresses(Kind kind) throws IOException {
        SourceStore store = store(kind);
        for (String source : List.of("10.0.0.1", "2001:db8::1", "crawler.example.com", "::ffff:10.0.0.2")) {
            SourceSummary s = new SourceSummary(source);
            s.addAttempt(org.wormsign.detect.Verdict.CODE_RED_II, 996_000_000L, 404, "www");
            store.merge(s, NO_SPILL);
        }
        assertEquals(4, store.size());
        assertEquals(1, store.get("2001:DB8:0::1").codeRedII());
        assertEquals(1, store.get("10.0.0.2").codeRedII(), "an IPv4-mapped address is its IPv4 address");
        assertEquals("crawler.example.com", store.get("crawler.example.com").source());
    }

    @Test
    void aMapReopenedAtEveryLookupIsReopenedWhereLinuxSaysItsPages() throws IOException {
        try (ChronicleStore s = ChronicleStore.open(dir.resolve("r.cm"), 2048, 600, new TextBudget(1L << 30), -1, 1)) {
            for (SourceSummary x : sources(LOGS, 0)) s.merge(x, NO_SPILL);
            if (ResidentFilePages.bytes() >= 0) assertTrue(s.reopened >= 2 * s.size(), "a get and a put a source, each reopening: " + s.reopened);
            else assertEquals(0, s.reopened, "without /proc, never");
        }
    }

    @Test
    void readingAMapAWindowAtATimeGivesEveryEntryOnceAndCopiesIt() throws IOException {
        Path file = dir.resolve("windows.cm");
        try (ChronicleStore s = ChronicleStore.open(file, 2048, 600, new TextBudget(1L << 30))) {
            for (SourceSummary x : sources(LOGS, 0)) s.merge(x, NO_SPILL);
        }
        // A window of one byte: the map closed and opened again after every segment.
        for (long window : new long[] {1, 4096, Long.MAX_VALUE}) {
            Map<String, byte[]> read = new HashMap<>();
            ChronicleStore.readAll(file, 2048, 600, window, (key, value) -> {
                SourceSummary x = ChronicleStore.decode(value, 0, value.length, new TextBudget(1L << 30));
                assertArrayEquals(ChronicleStore.key(x), key);
                assertNull(read.put(x.source(), bytes(x)), "read twice: " + x.source());
            });
            assertSame(oneRun(), read);
        }
        try (ChronicleStore bigger = ChronicleStore.open(dir.resolve("bigger.cm"), 8192, 300, new TextBudget(1L << 30))) {
            ChronicleStore.copy(file, 2048, 600, bigger);
            assertSame(oneRun(), contents(bigger));
        }
    }

    @Test
    void aDamagedValueIsUnreadableNotAStackTraceOrASummary() throws IOException {
        SourceSummary one = sources(LOGS, 0).get(0);
        byte[] good = bytes(one);
        TextBudget budget = new TextBudget(1L << 30);
        org.junit.jupiter.api.Assertions.assertThrows(SnapshotFile.Unreadable.class,
                () -> ChronicleStore.decode(good, 0, good.length / 2, budget), "cut short");
        byte[] flipped = good.clone();
        for (int i = 0; i < flipped.length; i += 3) flipped[i] ^= 0x5a;
        org.junit.jupiter.api.Assertions.assertThrows(SnapshotFile.Unreadable.class,
                () -> ChronicleStore.decode(flipped, 0, flipped.length, budget), "bytes changed");
        assertArrayEquals(good, bytes(ChronicleStore.decode(good, 0, good.length, budget)));
    }

    @Test
    void aChronicleStoreKeepsItsSummariesWhenClosedAndOpenedAgain() throws IOException {
        Path file = dir.resolve("kept.cm");
        try (ChronicleStore s = ChronicleStore.open(file, 2048, 600, new TextBudget(1L << 30))) {
            for (SourceSummary x : sources(LOGS, 0)) s.merge(x, NO_SPILL);
        }
        try (ChronicleStore s = ChronicleStore.open(file, 1, 1, new TextBudget(1L << 30))) {
            assertSame(oneRun(), contents(s));
        }
    }
}
