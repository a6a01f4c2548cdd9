package org.wormsign.simulate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP request as each kind of server logs it: the request line as sent (Apache and nginx log it raw,
 * {@code %r}), and the stem and query IIS logs after decoding the path once (DOMAIN.md: IIS logs Nimda's
 * {@code %255c} as {@code %5c} and {@code %c0%af} as the raw bytes).
 */
final class Request {
    final byte[] line;
    final byte[] method;
    final byte[] iisStem;
    /** null: no query (IIS logs {@code -}). */
    final byte[] iisQuery;
    /** Length of the path once decoded: Apache 1.3's 404 page quotes it, so its size depends on it. */
    final int decodedPathLength;
    /** Holds {@code %%}: not a valid escape, which Apache and nginx answer with 400. */
    final boolean badEscape;
    /** Walks up with {@code ..}: a traversal an unpatched IIS serves. */
    final boolean traversal;
    /** Bytes the client sent (IIS native's bytes-received column). */
    final int bytesReceived;

    private Request(String method, String path, String query, String separator, String protocol, int bodyBytes) {
        String target = query == null ? path : path + "?" + query;
        this.line = ascii(method + " " + target + separator + protocol);
        this.method = ascii(method);
        byte[] decoded = decodeOnce(path);
        this.iisStem = decoded;
        this.iisQuery = query == null ? null : ascii(query);
        this.decodedPathLength = decoded.length;
        this.badEscape = path.contains("%%");
        this.traversal = path.contains("..");
        this.bytesReceived = line.length + 2 + bodyBytes;
    }

    static Request of(String method, String path, String query, String protocol, int headerBytes) {
        return new Request(method, path, query, " ", protocol, headerBytes);
    }

    /** A worm request: DOMAIN.md gives the exact line, with two spaces before {@code HTTP/1.0}. */
    static Request worm(String path, String query, String separator, int bodyBytes) {
        return new Request("GET", path, query, separator, "HTTP/1.0", bodyBytes);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Percent-decodes once: valid {@code %hh} become bytes, anything else stays as written. */
    static byte[] decodeOnce(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
