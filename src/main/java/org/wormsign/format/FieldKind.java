package org.wormsign.format;

/**
 * What a log field means to wormsign, whichever format spelled it. Fields that nothing reads are
 * {@link #SKIP}: they are located but never copied or decoded.
 */
public enum FieldKind {
    /** Client address or host name (Apache {@code %h %a}, nginx {@code $remote_addr}). */
    CLIENT(false),
    /** {@code 10/Oct/2000:13:55:36 -0700}, Apache {@code %t} without its brackets, nginx {@code $time_local}. */
    TIME_APACHE(false),
    /** The whole request line (Apache {@code %r}, nginx {@code $request}). */
    REQUEST(true),
    /** Final status (Apache {@code %>s %s}, nginx {@code $status}). */
    STATUS(false),
    /** The server that logged the line: virtual host name or local address ({@code %v %A}, {@code $host}). */
    TARGET(false),
    /** The request method alone (Apache {@code %m}, nginx {@code $request_method}). */
    METHOD(false),
    /** The URL path alone (Apache {@code %U}, nginx {@code $uri}). */
    PATH(false),
    /** The query string, with or without its leading {@code ?} (Apache {@code %q}, nginx {@code $args}). */
    QUERY(false),
    /** Path and query together (nginx {@code $request_uri}). */
    URI(false),
    /** A number or {@code -} that nothing reads (bytes, durations, ports): validated, then skipped. */
    NUMBER(false),
    /** Free text nothing reads (ident, user, referer, user agent, other headers). */
    SKIP(true);

    /** Whether the field's value may contain its own terminator (quoted free text), so a later one may be tried. */
    final boolean mayContainTerminator;

    FieldKind(boolean mayContainTerminator) {
        this.mayContainTerminator = mayContainTerminator;
    }
}
