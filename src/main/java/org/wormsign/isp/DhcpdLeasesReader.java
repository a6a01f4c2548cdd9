package org.wormsign.isp;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * ISC dhcpd's {@code dhcpd.leases} (dhcpd.leases(5)), read as a history: dhcpd appends a lease block each time
 * a lease changes and rewrites the file only now and then, so every block is a period the address was held,
 * not only the last one for an address, and archived copies of the file are read together. A block:
 *
 * <pre>
 * lease 192.0.2.15 {
 *   starts 3 2001/07/18 09:12:41;          (weekday, then UTC; or "epoch 995447561;" with db-time-format local)
 *   ends 3 2001/07/18 21:12:41;             ("never" for an infinite lease)
 *   binding state active;
 *   hardware ethernet 00:a0:c9:14:c8:29;
 *   uid "\001\000\240\311\024\310)";
 *   client-hostname "wks14";
 *   option agent.circuit-id "port 7";     (DHCP option 82, from the relay)
 * }
 * </pre>
 *
 * Each block names its client by the chosen field ({@code hardware-ethernet} by default; {@code uid},
 * {@code client-hostname}, {@code agent.circuit-id}, {@code agent.remote-id}) and holds the address
 * {@code [starts, ends)}; a block in state {@code free}, {@code expired} or {@code released} also ends that
 * client's holding at its {@code ends} (dhcpd writes the second the lease ended there). A block naming no
 * client ({@code abandoned}, {@code backup}) is no holding. DHCPv6 ({@code ia-na}, {@code ia-ta},
 * {@code ia-pd}) blocks are not read, each a counted reject; {@code host}, {@code failover}, {@code class}
 * declarations are not leases and are passed over, counted.
 */
final class DhcpdLeasesReader {
    private DhcpdLeasesReader() {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/M/d H:m:s", Locale.ROOT);

    private static final class Block {
        final long line;
        final String address;
        String starts, ends, state, hardware, uid, hostname, circuitId, remoteId;
        final StringBuilder text = new StringBuilder();

        Block(long line, String address) {
            this.line = line;
            this.address = address;
        }
    }

    static void read(BufferedReader in, String file, Reading r) throws IOException {
        String field = r.field(CustomerFormat.DHCPD);
        Block block = null;
        // Braces open inside a block (on commit { … }) or in a declaration being passed over.
        int depth = 0;
        long skippingFrom = -1;
        String skippingWhat = null;
        long line = 0;
        for (String raw; (raw = in.readLine()) != null; ) {
            line++;
            String s = withoutComment(raw).strip();
            if (s.isEmpty()) continue;
            if (skippingFrom >= 0 || block != null && depth > 0) {
                depth += count(s, '{') - count(s, '}');
                if (depth <= 0 && skippingFrom >= 0) {
                    skippingFrom = -1;
                    depth = 0;
                }
                continue;
            }
            if (block != null) {
                if (s.startsWith("}")) {
                    finish(block, field, file, r);
                    block = null;
                    continue;
                }
                if (block.text.length() < 400) block.text.append(' ').append(s);
                if (s.endsWith("{")) {
                    depth = 1;
                    continue;
                }
                statement(block, s);
                continue;
            }
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.startsWith("lease ") && s.endsWith("{")) {
                String[] words = s.split("\\s+");
                block = new Block(line, words.length == 3 ? words[1] : "");
                block.text.append(s);
            } else if (s.endsWith("{")) {
                skippingFrom = line;
                skippingWhat = lower.split("\\s+")[0];
                depth = 1;
                if (skippingWhat.startsWith("ia-")) r.problems.reject(file, line, "dhcpv6-lease-not-read", s);
                else r.declarations++;
            } else if (s.endsWith(";")) {
                // Top-level statements: authoring-byte-order, server-duid, lease-id-format: nothing to read.
                continue;
            } else {
                r.problems.reject(file, line, "not-a-statement", raw);
            }
        }
        if (block != null) r.problems.reject(file, block.line, "unterminated-block", block.text.toString());
        else if (skippingFrom >= 0) r.problems.reject(file, skippingFrom, "unterminated-block", skippingWhat);
    }

    private static void statement(Block b, String s) {
        if (!s.endsWith(";")) return;
        String body = s.substring(0, s.length() - 1).strip();
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.startsWith("starts ")) b.starts = body.substring(7).strip();
        else if (lower.startsWith("ends ")) b.ends = body.substring(5).strip();
        else if (lower.startsWith("binding state ")) b.state = lower.substring(14).strip();
        else if (lower.startsWith("hardware ethernet ")) b.hardware = Reading.mac(body.substring(18));
        else if (lower.startsWith("uid ")) b.uid = unquoted(body.substring(4));
        else if (lower.startsWith("client-hostname ")) b.hostname = unquoted(body.substring(16));
        else if (lower.startsWith("option agent.circuit-id ")) b.circuitId = unquoted(body.substring(24));
        else if (lower.startsWith("option agent.remote-id ")) b.remoteId = unquoted(body.substring(23));
    }

    private static void finish(Block b, String field, String file, Reading r) {
        String text = b.text.toString();
        long[] address = new long[2];
        if (!Ip.parse(b.address, address) || !Ip.isV4(address[0], address[1])) {
            r.problems.reject(file, b.line, "bad-address", text);
            return;
        }
        long starts = time(b.starts), ends = time(b.ends);
        if (b.starts == null || b.ends == null) {
            r.problems.reject(file, b.line, "no-starts-or-ends", text);
            return;
        }
        if (starts == Times.BAD || ends == Times.BAD || starts == LeaseIndex.NEVER) {
            r.problems.reject(file, b.line, "bad-time", text);
            return;
        }
        if (ends < starts) {
            r.problems.reject(file, b.line, "ends-before-start", text);
            return;
        }
        String client = switch (field) {
            case "uid" -> b.uid;
            case "client-hostname" -> b.hostname;
            case "agent.circuit-id" -> b.circuitId;
            case "agent.remote-id" -> b.remoteId;
            default -> b.hardware;
        };
        if (client == null || client.isEmpty()) {
            r.withoutClient++;
            return;
        }
        r.hold(file, b.line, text, address, starts, ends, client);
        String state = b.state == null ? "" : b.state;
        if (state.equals("free") || state.equals("expired") || state.equals("released")) {
            r.ending(file, b.line, text, address, ends, client);
        }
    }

    /** {@code 3 2001/07/18 09:12:41} (UTC), {@code epoch 995447561}, {@code never}. */
    static long time(String t) {
        if (t == null) return Times.BAD;
        if (t.equals("never")) return LeaseIndex.NEVER;
        if (t.startsWith("epoch ")) return Times.seconds(t.substring(6));
        int space = t.indexOf(' ');
        if (space != 1 || t.charAt(0) < '0' || t.charAt(0) > '6') return Times.BAD;
        try {
            return LocalDateTime.parse(t.substring(2).strip(), DATE).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Times.BAD;
        }
    }

    private static String unquoted(String v) {
        String t = v.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /** The line up to a {@code #} that is not inside a quoted string. */
    private static String withoutComment(String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) i++;
            else if (c == '"') quoted = !quoted;
            else if (c == '#' && !quoted) return s.substring(0, i);
        }
        return s;
    }

    private static int count(String s, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '\\' && quoted) i++;
            else if (x == '"') quoted = !quoted;
            else if (x == c && !quoted) n++;
        }
        return n;
    }
}
