package org.wormsign.simulate;

import java.util.SplittableRandom;

/** A set of host numbers with O(1) add, remove and uniform pick (order depends only on the operations). */
final class IndexedSet {
    private final int[] members;
    private final int[] position;
    private int size;

    IndexedSet(int capacity) {
        members = new int[capacity];
        position = new int[capacity];
        java.util.Arrays.fill(position, -1);
    }

    void add(int h) {
        position[h] = size;
        members[size++] = h;
    }

    void remove(int h) {
        int i = position[h], last = members[--size];
        members[i] = last;
        position[last] = i;
        position[h] = -1;
    }

    boolean contains(int h) { return position[h] >= 0; }

    int size() { return size; }

    int get(int i) { return members[i]; }

    int random(SplittableRandom r) { return members[r.nextInt(size)]; }
}
