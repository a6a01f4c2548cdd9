package org.wormsign.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * The page's own style and script, kept as resource files beside this class ({@code report.css},
 * {@code report.js}) and inlined into the one self-contained page. The Content-Security-Policy allows exactly
 * these two blocks by the SHA-256 of the bytes inlined, computed here from the resources, so an edit to
 * either file can never leave a stale hash behind.
 */
final class PageResources {
    private PageResources() {}

    /** report.css: all the page's style. */
    static final Inline STYLE = load("report.css", "style");
    /** report.js: sorts and filters tables; reads what it needs from data- attributes, never from script text. */
    static final Inline SCRIPT = load("report.js", "script");

    /** The page's policy: nothing but its own style and script (by hash) and data: images (the charts). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src '" + STYLE.cspSource()
            + "'; script-src '" + SCRIPT.cspSource() + "'; base-uri 'none'; form-action 'none'";

    /**
     * A block of our own text for a {@code <style>} or {@code <script>} element, written as it is: template
     * output of {@link Content} is not escaped, which is right only for text that ships inside the jar.
     */
    record Inline(String text) implements Content {
        @Override
        public void writeTo(TemplateOutput output) {
            output.writeContent(text);
        }

        /** A CSP source expression for this block: 'sha256-…' of its exact UTF-8 bytes, as the browser hashes them. */
        String cspSource() {
            return "sha256-" + Base64.getEncoder().encodeToString(sha256(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Inline load(String name, String element) {
        try (InputStream in = PageResources.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the jar");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // A closing tag inside would end the element early and leave the rest as markup.
            if (text.toLowerCase(Locale.ROOT).contains("</" + element)) {
                throw new IllegalStateException(name + " contains </" + element + ">");
            }
            return new Inline(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every Java runtime", e);
        }
    }
}
