package org.wormsign.aggregate;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.wormsign.format.SourceAddress;

/**
 * Source address → its summary, as open addressing over the summaries themselves (each knows its own
 * source), so a source costs one array slot instead of a {@code HashMap} entry: 32 bytes less per source,
 * 32 MB on an ISP run with a million of them. A map for its readers; it only grows (no removal), and a
 * value must be the summary of its key. A key is read as a {@link SourceAddress}: {@code 2001:DB8::1} and
 * {@code 2001:db8:0::1} find the summary of {@code 2001:db8::1}, {@code ::ffff:1.2.3.4} that of {@code 1.2.3.4}.
 *
 * <p>Sources come from the logs, so an attacker can choose them: host names built from "Aa" and "BB"
 * all have one String hash, and would make every probe walk past all the others (quadratic; 65,536 such
 * names took 16 s). A probe longer than {@link #LONG_PROBE} hands the table over to a {@code HashMap},
 * which keeps colliding String keys in trees.
 */
final class SourceTable extends AbstractMap<String, SourceSummary> {
    private static final int MIN_CAPACITY = 16;
    /**
     * Probes that random keys practically never reach at two-thirds full (the longest run in a table of a
     * million is about 200), and colliding keys reach after a few hundred of them.
     */
    static final int LONG_PROBE = 1024;

    /**
     * Each table mixes hashes with a seed of its own. Merging walks one table in slot order into another;
     * with one hash for both, keys would arrive in the order of their new slots and pile up in ever
     * longer runs (the known quadratic merge of linear probing). Iteration order is no output's order:
     * every list made from a table is sorted.
     */
    private static final AtomicInteger SEEDS = new AtomicInteger();

    private final int seed = SEEDS.getAndAdd(0x9E3779B9);
    private SourceSummary[] slots = new SourceSummary[MIN_CAPACITY];
    private int size;
    /** Slots looked at so far (tests read it: the cost of the lookups, without timing them). */
    private long probes;
    /** Where the sources are once a probe was too long; null until then. */
    private HashMap<String, SourceSummary> fallback;

    /**
     * The home slot of a source: its address (an int, so distinct addresses never share a hash) or its
     * name's cached String hash, plus the seed, through MurmurHash3's finalizer.
     */
    private int slotOf(String name, int ipv4, int mask) {
        int h = (name == null ? ipv4 : name.hashCode()) + seed;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & mask;
    }

    /**
     * The slot of the source {@code name}, or of the address {@code ipv4} when name is null, or its free
     * slot; -1 if the probe grew too long (the caller then falls back).
     */
    private int find(String name, int ipv4) {
        int mask = slots.length - 1;
        int i = slotOf(name, ipv4, mask);
        for (int n = 1; ; n++, i = (i + 1) & mask) {
            SourceSummary s = slots[i];
            if (s == null || s.isOf(name, ipv4)) {
                probes += n;
                return i;
            }
            if (n == LONG_PROBE) {
                probes += n;
                return -1;
            }
        }
    }

    /** A source's text, or null when it is an IPv4 address (then held as an int). */
    private static String nameOf(SourceAddress address) {
        return address.isIpv4() ? null : address.text();
    }

    private static int ipv4Of(SourceAddress address) {
        return address.isIpv4() ? address.ipv4() : 0;
    }

    /** Moves every source into a HashMap, which the table then only passes calls on to. */
    private void fallBack() {
        fallback = new HashMap<>(Math.max(16, size * 2));
        for (SourceSummary s : slots) if (s != null) fallback.put(s.source(), s);
        slots = new SourceSummary[0];
    }

    /** Whether the table has handed its sources over to a HashMap. */
    boolean fellBack() { return fallback != null; }

    long probes() { return probes; }

    @Override public SourceSummary get(Object key) {
        if (!(key instanceof String source)) return null;
        SourceAddress address = SourceAddress.parse(source);
        if (fallback != null) return fallback.get(address.text());
        int i = find(nameOf(address), ipv4Of(address));
        if (i >= 0) return slots[i];
        fallBack();
        return fallback.get(address.text());
    }

    /**
     * The summary of the IPv4 address {@code ipv4}, made if new: the lookup of
     * every Code Red line with a dotted-quad client, which makes no String.
     */
    SourceSummary ofIpv4(int ipv4) {
        int i = fallback == null ? find(null, ipv4) : -1;
        if (i < 0) return computeIfAbsent(SourceAddress.ipv4Text(ipv4), SourceSummary::new);
        SourceSummary s = slots[i];
        if (s != null) return s;
        s = new SourceSummary(ipv4);
        add(i, s);
        return s;
    }

    /**
     * Takes every summary of {@code other} in: merged into the one for its source here, or taken over when
     * this table has none. {@code other} is spent.
     */
    void absorb(SourceTable other) {
        for (SourceSummary theirs : other.values()) {
            int i = fallback == null ? find(theirs.name(), theirs.ipv4()) : -1;
            if (i < 0) {
                merge(theirs.source(), theirs, (mine, t) -> { mine.merge(t); return mine; });
                continue;
            }
            SourceSummary mine = slots[i];
            if (mine == null) add(i, theirs);
            else mine.merge(theirs);
        }
    }

    /** Adds the summary of a source this table does not hold yet (read back from a snapshot). */
    void adopt(SourceSummary s) {
        int i = fallback == null ? find(s.name(), s.ipv4()) : -1;
        if (i < 0) {
            if (fallback == null) fallBack();
            if (fallback.putIfAbsent(s.source(), s) != null) throw new IllegalArgumentException("source " + s.source() + " given twice");
            return;
        }
        if (slots[i] != null) throw new IllegalArgumentException("source " + s.source() + " given twice");
        add(i, s);
    }

    @Override public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /**
     * The summary of {@code key}'s source, made by {@code make} if new. {@code make} is given the source's text
     * ({@link SourceAddress#text()}), which is {@code key} unless key is another spelling of an address.
     */
    @Override public SourceSummary computeIfAbsent(String key, Function<? super String, ? extends SourceSummary> make) {
        SourceAddress address = SourceAddress.parse(java.util.Objects.requireNonNull(key, "source"));
        key = address.text();
        int i = fallback == null ? find(nameOf(address), ipv4Of(address)) : -1;
        if (i < 0) {
            if (fallback == null) fallBack();
            return fallback.computeIfAbsent(key, k -> {
                SourceSummary s = make.apply(k);
                return s == null ? null : checked(address, s);
            });
        }
        SourceSummary s = slots[i];
        if (s != null) return s;
        s = make.apply(key);
        if (s == null) return null;
        add(i, checked(address, s));
        return s;
    }

    @Override public SourceSummary put(String key, SourceSummary value) {
        SourceAddress address = SourceAddress.parse(java.util.Objects.requireNonNull(key, "source"));
        int i = fallback == null ? find(nameOf(address), ipv4Of(address)) : -1;
        if (i < 0) {
            if (fallback == null) fallBack();
            return fallback.put(address.text(), checked(address, value));
        }
        SourceSummary old = slots[i];
        if (old == null) add(i, checked(address, value));
        else slots[i] = checked(address, value);
        return old;
    }

    private void add(int i, SourceSummary value) {
        slots[i] = value;
        // Kept at most two-thirds full: probes stay short.
        if (++size * 3 > slots.length * 2) grow();
    }

    /** {@code value}, if it is the summary of {@code address}. */
    private static SourceSummary checked(SourceAddress address, SourceSummary value) {
        if (!value.isOf(nameOf(address), ipv4Of(address))) throw new IllegalArgumentException("the summary of " + value.source() + " stored as " + address);
        return value;
    }

    private void grow() {
        SourceSummary[] old = slots;
        slots = new SourceSummary[old.length * 2];
        int mask = slots.length - 1;
        for (SourceSummary s : old) {
            if (s == null) continue;
            int i = slotOf(s.name(), s.ipv4(), mask);
            for (int n = 1; slots[i] != null; n++, i = (i + 1) & mask) {
                if (n == LONG_PROBE) {
                    // Colliding keys: the HashMap takes all of them, from the old array, which is still whole.
                    slots = old;
                    fallBack();
                    return;
                }
            }
            slots[i] = s;
        }
    }

    @Override public int size() { return fallback != null ? fallback.size() : size; }

    @Override public void forEach(BiConsumer<? super String, ? super SourceSummary> action) {
        if (fallback != null) {
            fallback.forEach(action);
            return;
        }
        for (SourceSummary s : slots) if (s != null) action.accept(s.source(), s);
    }

    /** The summaries in table order, without an entry object each. */
    @Override public Collection<SourceSummary> values() {
        if (fallback != null) return java.util.Collections.unmodifiableCollection(fallback.values());
        return new AbstractCollection<>() {
            @Override public Iterator<SourceSummary> iterator() { return new Summaries(); }
            @Override public int size() { return size; }
        };
    }

    @Override public Set<String> keySet() {
        if (fallback != null) return java.util.Collections.unmodifiableSet(fallback.keySet());
        return new AbstractSet<>() {
            @Override public Iterator<String> iterator() {
                Summaries all = new Summaries();
                return new Iterator<>() {
                    @Override public boolean hasNext() { return all.hasNext(); }
                    @Override public String next() { return all.next().source(); }
                };
            }
            @Override public boolean contains(Object o) { return containsKey(o); }
            @Override public int size() { return size; }
        };
    }

    @Override public Set<Entry<String, SourceSummary>> entrySet() {
        if (fallback != null) return java.util.Collections.unmodifiableMap(fallback).entrySet();
        return new AbstractSet<>() {
            @Override public Iterator<Entry<String, SourceSummary>> iterator() {
                Summaries all = new Summaries();
                return new Iterator<>() {
                    @Override public boolean hasNext() { return all.hasNext(); }
                    @Override public Entry<String, SourceSummary> next() {
                        SourceSummary s = all.next();
                        return new SimpleImmutableEntry<>(s.source(), s);
                    }
                };
            }
            @Override public int size() { return size; }
        };
    }

    private final class Summaries implements Iterator<SourceSummary> {
        private final SourceSummary[] over = slots;
        private int next = advance(0);

        private int advance(int from) {
            while (from < over.length && over[from] == null) from++;
            return from;
        }

        @Override public boolean hasNext() { return next < over.length; }

        @Override public SourceSummary next() {
            if (next >= over.length) throw new NoSuchElementException();
            SourceSummary s = over[next];
            next = advance(next + 1);
            return s;
        }
    }
}
