package org.wormsign.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A glob matched against an input's name as summary.json shows it: the path as given or found
 * ({@code logs/web1/ex010719.log}), an archive member as {@code archive!member}. The name is read as parts
 * split at {@code /} and {@code !}, and the glob matches when it matches one or more whole consecutive parts
 * anywhere in it, as a {@code .gitignore} pattern does at any depth: a folder's or an archive's name covers
 * everything in it ({@code web1}, {@code logs.zip}), a file name matches wherever the file is
 * ({@code ex0107*.log}). A glob that starts with {@code /} must match from the start of the name; one that
 * ends with {@code /} or {@code !} matches only what is inside what it names.
 *
 * <p>{@code *} and {@code ?} match within a part, {@code **} across parts ({@code a/**}{@code /b} also
 * matches {@code a/b}), {@code [a-z]}, {@code [!0-9]} or {@code [^0-9]} one character of a part,
 * {@code {a,b}} either, {@code \} quotes the next character. java.nio's {@code glob:} syntax, but its
 * matcher knows only {@code /} between parts, not the {@code !} that joins an archive and its member.
 *
 * <p>Member names come from archives, so from whoever made them: the match runs the glob as a set of
 * states over the name's characters once, in time proportional to the name's length times the glob's,
 * never backtracking.
 */
final class NameGlob {
    /** More alternatives than this from {@code {…}} groups is a mistake, not a pattern. */
    private static final int MAX_ALTERNATIVES = 1024;

    private enum Kind {
        /** One given character. */
        LITERAL,
        /** {@code ?}: one character of a part. */
        ONE,
        /** {@code [...]}: one character of a part, in (or, negated, not in) the set. */
        SET,
        /** {@code *}: any characters of one part, none included. */
        STAR,
        /** {@code **} not between separators: any characters, separators too. */
        ANY,
        /** {@code **}{@code /} after a separator or at the start, first state: zero parts, or go on to {@link #PARTS}. */
        PARTS_ENTRY,
        /** Its second state: any characters up to and with a separator, then the rest of the glob. */
        PARTS
    }

    private record Token(Kind kind, int c, int[] ranges, boolean negated) {
        static Token of(Kind kind) { return new Token(kind, 0, null, false); }

        boolean inSet(int ch) {
            boolean in = false;
            for (int i = 0; i < ranges.length && !in; i += 2) in = ch >= ranges[i] && ch <= ranges[i + 1];
            return in != negated;
        }
    }

    private final String glob;
    private final boolean anchored;
    private final List<Token[]> alternatives;

    private NameGlob(String glob, boolean anchored, List<Token[]> alternatives) {
        this.glob = glob;
        this.anchored = anchored;
        this.alternatives = alternatives;
    }

    @Override public String toString() { return glob; }

    static boolean separator(int c) {
        return c == '/' || c == InputScan.MEMBER_SEPARATOR.charAt(0);
    }

    /** @throws IllegalArgumentException saying, in a few words, what is wrong with the glob */
    static NameGlob compile(String glob) {
        if (glob.isEmpty()) throw new IllegalArgumentException("empty pattern");
        List<String> expanded = new ArrayList<>();
        expandBraces(glob, expanded);
        List<Token[]> alternatives = new ArrayList<>();
        for (String g : expanded) alternatives.add(tokens(g));
        return new NameGlob(glob, glob.charAt(0) == '/', alternatives);
    }

    /** Whether the glob matches whole consecutive parts of {@code name}. */
    boolean matches(String name) {
        int[] chars = name.codePoints().toArray();
        for (Token[] t : alternatives) if (matches(t, chars)) return true;
        return false;
    }

    /**
     * The glob's states run over the name once. State {@code i} waits for token {@code i}; state {@code
     * t.length} has matched it all. A match may begin at the start of the name or of any part after it, and
     * must end at the end of a part (or anywhere inside what a glob ending in a separator names).
     */
    private boolean matches(Token[] t, int[] name) {
        int m = t.length;
        boolean endsInSeparator = m > 0 && t[m - 1].kind == Kind.LITERAL && separator(t[m - 1].c);
        boolean[] now = new boolean[m + 1], next = new boolean[m + 1];
        for (int p = 0; ; p++) {
            if (p == 0 || (!anchored && separator(name[p - 1]))) now[0] = true;
            close(t, now);
            if (now[m] && (endsInSeparator ? p > 0 : p == name.length || separator(name[p]))) return true;
            if (p == name.length) return false;
            int c = name[p];
            boolean sep = separator(c), any = false;
            java.util.Arrays.fill(next, false);
            for (int i = 0; i < m; i++) {
                if (!now[i]) continue;
                Token k = t[i];
                switch (k.kind) {
                    case LITERAL -> next[i + 1] |= c == k.c;
                    case ONE -> next[i + 1] |= !sep;
                    case SET -> next[i + 1] |= !sep && k.inSet(c);
                    case STAR -> next[i] |= !sep;
                    case ANY -> next[i] = true;
                    case PARTS -> {
                        next[i] = true;
                        next[i + 1] |= sep;
                    }
                    case PARTS_ENTRY -> { }
                }
            }
            boolean[] swap = now;
            now = next;
            next = swap;
            for (boolean b : now) any |= b;
            // No state alive: only a new part's start can begin a match again.
            if (!any && anchored) return false;
        }
    }

    /** Adds the states reachable without reading a character; they only lead forward, so one pass does it. */
    private static void close(Token[] t, boolean[] states) {
        for (int i = 0; i < t.length; i++) {
            if (!states[i]) continue;
            switch (t[i].kind) {
                case STAR, ANY -> states[i + 1] = true;
                case PARTS_ENTRY -> {
                    states[i + 1] = true;
                    states[i + 2] = true;
                }
                default -> { }
            }
        }
    }

    /** {@code a{b,c}d{e,f}} as {@code abde abdf acde acdf}; groups do not nest, as in java.nio's glob. */
    private static void expandBraces(String glob, List<String> out) {
        int open = -1;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') { i++; continue; }
            if (c == '[') { i = setEnd(glob, i); continue; }
            if (c == '{') { open = i; break; }
        }
        if (open < 0) {
            if (out.size() >= MAX_ALTERNATIVES) throw new IllegalArgumentException("more than " + MAX_ALTERNATIVES + " alternatives in {}");
            out.add(glob);
            return;
        }
        List<String> choices = new ArrayList<>();
        StringBuilder choice = new StringBuilder();
        for (int i = open + 1; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
                choice.append(c).append(glob.charAt(++i));
            } else if (c == '[') {
                int end = setEnd(glob, i);
                choice.append(glob, i, end + 1);
                i = end;
            } else if (c == '{') {
                throw new IllegalArgumentException("'{' inside '{...}'");
            } else if (c == ',' || c == '}') {
                choices.add(choice.toString());
                choice.setLength(0);
                if (c == '}') {
                    for (String ch : choices) expandBraces(glob.substring(0, open) + ch + glob.substring(i + 1), out);
                    return;
                }
            } else {
                choice.append(c);
            }
        }
        throw new IllegalArgumentException("'{' without '}'");
    }

    /** The index of the {@code ]} that closes the set opened at {@code open}. */
    private static int setEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) i++;
        if (i < glob.length() && glob.charAt(i) == ']') i++;   // a ']' first is one of the set
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') i++;
            else if (c == ']') return i;
        }
        throw new IllegalArgumentException("'[' without ']'");
    }

    private static Token[] tokens(String glob) {
        int[] g = glob.codePoints().toArray();
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            int c = g[i];
            switch (c) {
                case '\\' -> {
                    if (++i == g.length) throw new IllegalArgumentException("'\\' at the end quotes nothing");
                    out.add(new Token(Kind.LITERAL, g[i], null, false));
                }
                case '?' -> out.add(Token.of(Kind.ONE));
                case '*' -> {
                    if (i + 1 < g.length && g[i + 1] == '*') {
                        i++;
                        while (i + 1 < g.length && g[i + 1] == '*') i++;
                        boolean afterSeparator = out.isEmpty() || out.get(out.size() - 1).kind == Kind.LITERAL && separator(out.get(out.size() - 1).c);
                        if (afterSeparator && i + 1 < g.length && g[i + 1] == '/') {
                            i++;   // '**/' takes its '/' (or any separator) itself, so that it can also be no part at all
                            out.add(Token.of(Kind.PARTS_ENTRY));
                            out.add(Token.of(Kind.PARTS));
                        } else {
                            out.add(Token.of(Kind.ANY));
                        }
                    } else {
                        out.add(Token.of(Kind.STAR));
                    }
                }
                case '[' -> i = set(g, i, out);
                default -> out.add(new Token(Kind.LITERAL, c, null, false));
            }
        }
        return out.toArray(new Token[0]);
    }

    /** Reads the set opened at {@code open} into a token; returns the index of its {@code ]}. */
    private static int set(int[] g, int open, List<Token> out) {
        int i = open + 1;
        boolean negated = i < g.length && (g[i] == '!' || g[i] == '^');
        if (negated) i++;
        List<Integer> ranges = new ArrayList<>();
        boolean first = true;
        for (; i < g.length; i++, first = false) {
            int c = g[i];
            if (c == ']' && !first) break;
            if (c == '\\' && i + 1 < g.length) c = g[++i];
            int hi = c;
            if (i + 2 < g.length && g[i + 1] == '-' && g[i + 2] != ']') {
                hi = g[i + 2];
                if (hi == '\\' && i + 3 < g.length) hi = g[++i + 2];
                i += 2;
                if (hi < c) throw new IllegalArgumentException("range '" + new String(Character.toChars(c)) + "-"
                        + new String(Character.toChars(hi)) + "' runs backwards");
            }
            ranges.add(c);
            ranges.add(hi);
        }
        if (i == g.length) throw new IllegalArgumentException("'[' without ']'");
        out.add(new Token(Kind.SET, 0, ranges.stream().mapToInt(Integer::intValue).toArray(), negated));
        return i;
    }
}
