package org.wormsign.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Places the monitored servers in the address space. */
final class Monitors {
    private Monitors() {}

    /** How far into v1's scan a server may sit: what a v1 host covers in its first three days. */
    private static final double SCAN_DAYS = 3;

    /**
     * Each server gets an address on v1's scan (so v1 hosts show up in its July logs, as they did for the
     * servers that reported v1) inside a populated /16 (so Code Red II's and Nimda's local targeting reaches
     * it). Names are the kinds, numbered when a kind repeats.
     */
    static Monitor[] place(List<ServerKind> kinds, Networks networks, double probesPerMinute, SplittableRandom r) {
        List<Monitor> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        long span = (long) (probesPerMinute * 60 * 24 * SCAN_DAYS);
        for (int i = 0; i < kinds.size(); i++) {
            ServerKind kind = kinds.get(i);
            long k = r.nextLong(span);
            int address;
            while (true) {
                address = StaticSeedSequence.address(k);
                int last = address & 0xFF;
                if (networks.populated(address) && last != 0 && last != 255 && !used.contains(address)) break;
                k++;
            }
            used.add(address);
            out.add(new Monitor(name(kinds, i), kind, address, k));
        }
        return out.toArray(new Monitor[0]);
    }

    private static String name(List<ServerKind> kinds, int i) {
        ServerKind kind = kinds.get(i);
        int same = 0, before = 0;
        for (int j = 0; j < kinds.size(); j++) {
            if (kinds.get(j) != kind) continue;
            same++;
            if (j < i) before++;
        }
        return same == 1 ? kind.id : kind.id + "-" + (before + 1);
    }
}
