package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.iis.IisNativeFormat;
import org.wormsign.format.iis.W3cFormat;
import org.wormsign.format.nginx.NginxLogFormat;
import org.wormsign.testing.Corpus;

/**
 * Which field is the client (issue 16 item 6): the one {@code --client} names, else the best ranked address the
 * format logs; from a header list (X-Forwarded-For) the leftmost address. Lines from the peer corpus, and lines
 * built in their shape carrying Code Red.
 */
class ClientFieldTest {
    private static final String CODE_RED = "GET /default.ida?" + SampleLines.N224 + SampleLines.TAIL + " HTTP/1.0";

    private static String peer(String name) throws IOException {
        return Files.readString(Corpus.peerFile(name), StandardCharsets.ISO_8859_1).strip();
    }

    private static List<String> peerLines(String name) throws IOException {
        return Files.readAllLines(Corpus.peerFile(name), StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isBlank()).toList();
    }

    private static int parse(LinePlan plan, String line) {
        return ApacheLogFormatTest.parse(plan.newParser(), line, new LogRecord());
    }

    private static LogRecord record(LinePlan plan, String line) {
        return ApacheLogFormatTest.record(plan, line);
    }

    // ingress-nginx: $the_real_ip, twice, and no $remote_addr. Every line of the peer file was a bad-address reject.

    @Test
    void ingressNginxReadsTheRealIp() throws IOException {
        LinePlan plan = NginxLogFormat.compile("nginx-custom", peer("logparser-inline/nginx-bug60-k8s.format"));
        assertEquals("$the_real_ip", plan.clientField());
        List<String> lines = peerLines("logparser-inline/nginx-bug60-k8s.log");
        for (String line : lines) assertEquals("1.2.3.4", record(plan, line).client(), line);

        String worm = lines.get(0).replace("1.2.3.4 - [1.2.3.4]", "66.104.205.72 - [66.104.205.72]")
                .replace("07/Aug/2020:15:50:07 +0800", "19/Jul/2001:10:00:00 +0000")
                .replace("HEAD /ai/search/version HTTP/1.1", CODE_RED);
        LogRecord rec = record(plan, worm);
        assertEquals("66.104.205.72", rec.client());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    @Test
    void ingressNginxReadsTheFirstOfItsTwoRealIps() throws IOException {
        // The second $the_real_ip is only matched: a line where the two differ is attributed to the first.
        LinePlan plan = NginxLogFormat.compile("nginx-custom", peer("logparser-inline/nginx-bug60-k8s.format"));
        String line = peerLines("logparser-inline/nginx-bug60-k8s.log").get(0).replace("[1.2.3.4]", "[-]");
        assertEquals("1.2.3.4", record(plan, line).client());
    }

    // Apache's JSON for Logstash: X-Forwarded-For is its only address.

    @Test
    void apacheJsonReadsTheLeftmostForwardedAddress() throws IOException {
        LinePlan plan = ApacheLogFormat.compile("apache-custom", peer("logparser-inline/apache-json-logstash.format"), null);
        assertEquals("%{X-Forwarded-For}i", plan.clientField());
        // The peer lines came straight to the server: no header, no client. They stay bad-address rejects.
        for (String line : peerLines("logparser-inline/apache-json-logstash.log")) {
            assertEquals(Reject.BAD_ADDRESS.ordinal(), parse(plan, line), line);
        }
        String line = peerLines("logparser-inline/apache-json-logstash.log").get(0);
        String worm = line.replace("\"x-forwarded-for\":\"-\"", "\"x-forwarded-for\":\"66.104.205.72, 10.0.0.7\"")
                .replace("2015-11-25T15:24:45 +0100", "2001-07-19T10:00:00 +0000")
                .replace("\"GET / HTTP/1.1\"", "\"" + CODE_RED + "\"");
        LogRecord rec = record(plan, worm);
        assertEquals("66.104.205.72", rec.client());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    @Test
    void aForwardedListIsCutAtItsFirstCommaAndTrimmed() throws IOException {
        LinePlan plan = ApacheLogFormat.compile("apache-custom", "%{X-Forwarded-For}i %t \"%r\" %>s", null);
        String tail = " [19/Jul/2001:10:00:00 +0000] \"" + CODE_RED + "\" 404";
        assertEquals("66.104.205.72", record(plan, "66.104.205.72" + tail).client());
        assertEquals("66.104.205.72", record(plan, "66.104.205.72,10.0.0.7" + tail).client());
        assertEquals("2001:db8::1", record(plan, "2001:db8::1, 10.0.0.7, 10.0.0.8" + tail).client());
        // A comma with nothing before it, or a header that is not an address, is no client.
        assertEquals(Reject.BAD_ADDRESS.ordinal(), parse(plan, ",66.104.205.72" + tail));
        assertEquals(Reject.BAD_ADDRESS.ordinal(), parse(plan, "-" + tail));
    }

    // nginx JSON with $remote_addr and X-Forwarded-For (GoAccess issues 2145 and 2530).

    @Test
    void remoteAddrOutranksForwardedForUnlessNamed() throws IOException {
        String format = peer("issues/goaccess-2145.format");
        String line = peerLines("issues/goaccess-2145.log").get(0);
        LinePlan byDefault = NginxLogFormat.compile("nginx-custom", format);
        assertEquals("$remote_addr", byDefault.clientField());
        assertEquals("xx.xx.xx.xx", record(byDefault, line).client());

        LinePlan named = NginxLogFormat.compile("nginx-custom", format, null, "$http_x_forwarded_for");
        assertEquals("$http_x_forwarded_for", named.clientField());
        // The peer line's header is empty: no client in it.
        assertEquals(Reject.BAD_ADDRESS.ordinal(), parse(named, line));
        String worm = line.replace("\"http_x_forwarded_for\": \"\"", "\"http_x_forwarded_for\": \"66.104.205.72, 192.0.2.9\"")
                .replace("11/Jul/2021:03:13:10 +0200", "19/Jul/2001:10:00:00 +0000")
                .replace("\"request_uri\":\"/api/example_services?filter=%7B%22where%22:%7B%22deactivated%22:false%7D%7D\"",
                        "\"request_uri\":\"/default.ida?" + SampleLines.N224 + SampleLines.TAIL + "\"");
        LogRecord rec = record(named, worm);
        assertEquals("66.104.205.72", rec.client());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
        assertEquals("xx.xx.xx.xx", record(byDefault, worm).client());
    }

    @Test
    void nginxVariablesAreNamedInAnyCase() throws IOException {
        // nginx lower-cases variable names: $http_X_Forwarded_For is $http_x_forwarded_for. Reported as written.
        String format = peer("issues/goaccess-2530.format");
        String line = peerLines("issues/goaccess-2530.log").get(0);
        LinePlan plan = NginxLogFormat.compile("nginx-custom", format, null, "$http_x_forwarded_for");
        assertEquals("$http_X_Forwarded_For", plan.clientField());
        LogRecord rec = record(plan, line.replace("\"X-Forwarded-For\":\"\"", "\"X-Forwarded-For\":\"66.104.205.72\""));
        assertEquals("66.104.205.72", rec.client());
        assertEquals("$remote_addr", NginxLogFormat.compile("nginx-custom", format, null, "remote_addr").clientField());
        assertEquals("27.42.97.3", record(NginxLogFormat.compile("nginx-custom", format), line).client());
    }

    @Test
    void nginxRanksTheServersOwnAddressesBeforeHeaders() {
        String tail = " [19/Jul/2001:10:00:00 +0000] \"" + CODE_RED + "\" 404";
        // $realip_remote_addr is the proxy; it was read last and so overrode $remote_addr before.
        LinePlan both = NginxLogFormat.compile("n", "$realip_remote_addr $remote_addr [$time_local] \"$request\" $status");
        assertEquals("$remote_addr", both.clientField());
        assertEquals("66.104.205.72", record(both, "10.0.0.7 66.104.205.72" + tail).client());

        LinePlan proxied = NginxLogFormat.compile("n", "$http_x_forwarded_for $proxy_protocol_addr [$time_local] \"$request\" $status");
        assertEquals("$proxy_protocol_addr", proxied.clientField());
        assertEquals("66.104.205.72", record(proxied, "192.0.2.1 66.104.205.72" + tail).client());
    }

    // Apache: %a (mod_remoteip's client) before %h before %{c}a (the connection's peer).

    @Test
    void apacheRanksPercentABeforePercentH() throws IOException {
        LinePlan all = ApacheLogFormat.compile("apache-custom", peer("logparser-inline/apache-all-directives-408.format"), null);
        assertEquals("%a", all.clientField());
        LinePlan full = ApacheLogFormat.compile("apache-custom", peer("logparser-inline/apache-fullcombined-1.format"), null);
        assertEquals("%a", full.clientField());
        assertEquals("%a", ApacheLogFormat.compile("apache-custom", peer("logparser-inline/apache-client-hints.format"), null).clientField());
        assertEquals("%h", ApacheLogFormat.compile("combined").clientField());

        // The fullcombined peer line ("%h %a %A …") with a proxy in %h and the worm in %a.
        String line = peerLines("logparser-inline/apache-fullcombined-1.log").get(0)
                .replace("%127.0.0.1 127.0.0.1 ", "%10.0.0.7 66.104.205.72 ")
                .replace("GET /icons/powered_by_rh.png?aap=noot&res=1024x768 HTTP/1.1", CODE_RED);
        LogRecord rec = record(full, line);
        assertEquals("66.104.205.72", rec.client());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
        LinePlan byHost = ApacheLogFormat.compile("apache-custom", peer("logparser-inline/apache-fullcombined-1.format"), null, "%h");
        assertEquals("%h", byHost.clientField());
        assertEquals("10.0.0.7", record(byHost, line).client());
    }

    @Test
    void apacheNamesThePeerAndAnyHeader() {
        String format = "%a %{c}a %{True-Client-IP}i %t \"%r\" %>s";
        String line = "10.0.0.7 10.0.0.8 66.104.205.72 [19/Jul/2001:10:00:00 +0000] \"" + CODE_RED + "\" 404";
        LinePlan peer = ApacheLogFormat.compile("apache-custom", format, null, "%{c}a");
        assertEquals("%{c}a", peer.clientField());
        assertEquals("10.0.0.8", record(peer, line).client());
        // A header not ranked is the client only when named; its name in any case, modifiers ignored.
        LinePlan header = ApacheLogFormat.compile("apache-custom", format, null, "%{true-client-ip}i");
        assertEquals("%{True-Client-IP}i", header.clientField());
        assertEquals("66.104.205.72", record(header, line).client());
        assertEquals("%a", ApacheLogFormat.compile("apache-custom", format, null, "%!200a").clientField());
    }

    @Test
    void namingAFieldTheFormatDoesNotHoldIsAnError() {
        FormatException absent = assertThrows(FormatException.class,
                () -> ApacheLogFormat.compile("combined", null, "%{X-Forwarded-For}i"));
        assertTrue(absent.getMessage().contains("--client %{X-Forwarded-For}i") && absent.getMessage().contains("%h"), absent.getMessage());
        assertThrows(FormatException.class, () -> ApacheLogFormat.compile("combined", null, "%s"));
        assertThrows(FormatException.class, () -> ApacheLogFormat.compile("combined", null, "h"));
        assertThrows(FormatException.class, () -> ApacheLogFormat.compile("combined", null, "%{c}a"));
        assertThrows(FormatException.class, () -> NginxLogFormat.compile("n", NginxLogFormat.COMBINED, null, "$the_real_ip"));
        assertThrows(FormatException.class, () -> NginxLogFormat.compile("n", NginxLogFormat.COMBINED, null, "$status"));
        assertThrows(FormatException.class, () -> NginxLogFormat.compile("n", NginxLogFormat.COMBINED, null, "$a-b"));
    }

    @Test
    void aFormatWithoutAnAddressHasNoClientField() {
        LinePlan plan = ApacheLogFormat.compile("apache-custom", "%l %t \"%r\" %>s", null);
        assertEquals(null, plan.clientField());
        assertEquals(Reject.BAD_ADDRESS.ordinal(), parse(plan, "- [19/Jul/2001:10:00:00 +0000] \"" + CODE_RED + "\" 404"));
    }

    @Test
    void everyKnownFormatSaysItsClientField() {
        assertEquals("%h", KnownFormats.byName("apache-combined").clientField());
        assertEquals("%h", KnownFormats.byName("apache-vhost-combined").clientField());
        assertEquals("$remote_addr", KnownFormats.byName("nginx-combined").clientField());
        assertEquals("c-ip", KnownFormats.byName(W3cFormat.NAME).clientField());
        assertEquals("client-ip", KnownFormats.byName(IisNativeFormat.NAME).clientField());
        // The proxies' fields as their documentation names them (issue 16: these were null).
        assertEquals("c-ip", KnownFormats.byName("cloudfront").clientField());
        assertEquals("client:port", KnownFormats.byName("aws-alb").clientField());
        assertEquals("client:port", KnownFormats.byName("aws-elb").clientField());
        assertEquals("client_ip", KnownFormats.byName("haproxy-http").clientField());
        assertEquals("remotehost", KnownFormats.byName("squid-native").clientField());
        assertEquals("remote_ip", KnownFormats.byName("aws-s3").clientField());
        assertEquals("ClientIP", KnownFormats.byName("json-cloudflare").clientField());
        // Read in another zone, a plan keeps its client field.
        LinePlan local = ApacheLogFormat.compile("apache-custom", "%a %{%d/%m/%Y %H:%M:%S}t \"%r\" %>s", null);
        assertEquals("%a", ((LinePlan) local.inZone(java.time.ZoneId.of("Asia/Tokyo"))).clientField());
    }

    /** A JSON layout with several keys for the client names the one its lines use, once a record is read. */
    @Test
    void jsonLayoutsNameTheKeyTheirRecordsTookTheClientFrom() {
        LogFormat nginx = KnownFormats.byName("json-nginx");
        assertEquals(null, nginx.clientField(), "remote_addr, ip, client, …: the lines decide");
        String matomo = "{\"ip\": \"1.2.3.4\",\"path\": \"/\",\"status\": 200,\"method\": \"GET\",\"date\": \"2013-10-10T16:52:00+02:00\"}";
        String plain = "{\"remote_addr\":\"1.2.3.4\",\"request\":\"GET / HTTP/1.1\",\"status\":\"200\"}";
        LineParser parser = nginx.newParser();
        assertEquals(null, parser.clientField(), "no record read yet");
        assertEquals(LineParser.RECORD, ApacheLogFormatTest.parse(parser, matomo, new LogRecord()));
        assertEquals("ip", parser.clientField());
        assertEquals(LineParser.RECORD, ApacheLogFormatTest.parse(parser, plain, new LogRecord()));
        assertEquals("ip", parser.clientField(), "the first record's");
        LineParser other = nginx.newParser();
        assertEquals(LineParser.RECORD, ApacheLogFormatTest.parse(other, plain, new LogRecord()));
        assertEquals("remote_addr", other.clientField());

        LineParser caddy = KnownFormats.byName("json-caddy").newParser();
        String old = "{\"ts\":995557118.81,\"request\":{\"remote_addr\":\"211.218.252.9:4313\",\"method\":\"GET\",\"uri\":\"/\"},\"status\":404}";
        assertEquals(LineParser.RECORD, ApacheLogFormatTest.parse(caddy, old, new LogRecord()));
        assertEquals("request.remote_addr", caddy.clientField());
    }
}
