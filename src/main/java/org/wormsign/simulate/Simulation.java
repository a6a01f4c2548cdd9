package org.wormsign.simulate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code wormsign simulate}: the Code Red epidemic of 2001 and what monitored servers of each kind logged of
 * it, with the ground truth beside the logs. Everything follows from the seed: the same options give the same
 * bytes. Nothing here uses the analyzer's code; the simulator is the independent oracle it is tested against.
 */
public final class Simulation {
    private Simulation() {}

    /**
     * What a run wrote. {@code files}, {@code bytes} and {@code lines} are the servers' own logs; the mirrors
     * ({@code --also-as}) are counted apart, as they hold the same requests again. {@code isp}: what
     * {@code --isp} wrote, null without it.
     */
    public record Summary(Path out, List<Path> files, long bytes, long lines, long codeRed, long codeRedII,
                          int sources, List<String> servers, List<String> localTimeZones, double backgroundPerHour,
                          List<Mirror> mirrors, IspWritten isp) {}

    /**
     * What {@code --isp} wrote: customers with attempts (the unattributed apart), rows of customers.csv, dynamic
     * holdings, addresses handed over mid-day, and the Code Red attempts logged with and without a customer.
     */
    public record IspWritten(int customers, int assignments, int holdings, int handovers, long attributed, long unattributed) {}

    /** A server's log written again in another format: its sub-folder, the zone of its times, what it holds. */
    public record Mirror(String folder, String server, String format, String timeZone, List<Path> files, long bytes, long lines) {}

    public static Summary run(SimulateOptions o) throws IOException {
        EpidemicParameters p = EpidemicParameters.calibrated();
        World w = World.build(p, o);
        Files.createDirectories(o.out());

        long from = Utc.of(o.from().getYear(), o.from().getMonthValue(), o.from().getDayOfMonth());
        long to = Utc.of(o.to().getYear(), o.to().getMonthValue(), o.to().getDayOfMonth()) + Utc.DAY;
        Isp isp = null;
        if (o.isp()) {
            // The ISP's own seed, not a draw from the run's streams: the logs stay those of the same run without --isp.
            isp = Isp.plan(w.population, w.monitors, w.epidemic.logs(), from, to, Draws.mix(o.seed(), 0x15B, 0));
            isp.resolve(w.epidemic.logs());
        }
        SplittableRandom backgroundStream = w.streams.split();
        long backgroundSeed = backgroundStream.nextLong();
        List<LogFiles.Server> servers = new ArrayList<>();
        for (int i = 0; i < w.monitors.length; i++) {
            Background bg = new Background(w.monitors[i], w.networks, new SplittableRandom(Draws.mix(backgroundSeed, i, -1)));
            servers.add(new LogFiles.Server(w.monitors[i], i, w.epidemic.logs()[i], bg));
        }
        double perHour = o.targetBytes() > 0 ? SizePlan.backgroundFor(o.targetBytes(), servers, from, to) : o.backgroundPerHour();
        List<LogStyle> mirrors = new ArrayList<>();
        for (String f : o.alsoAs()) mirrors.add(LogStyle.byFormatName(f));
        LogFiles.Written written = new LogFiles(o.out(), from, to, o.daily(), o.gzip(), perHour, backgroundSeed, mirrors)
                .write(servers, o.threads());

        TruthFiles.writeTruth(o.out(), written.truth());
        TruthFiles.writeEpidemic(o.out(), w.epidemic.curve(), from, to);
        TruthFiles.writeServers(o.out(), List.of(w.monitors));
        TruthFiles.writeMirrors(o.out(), written.mirrors());
        IspWritten ispWritten = null;
        if (isp != null) ispWritten = IspFiles.write(o.out(), isp);
        else IspFiles.remove(o.out());

        List<String> names = new ArrayList<>(), zones = new ArrayList<>();
        for (Monitor m : w.monitors) {
            names.add(m.name());
            if (m.kind().style == LogStyle.IIS_NATIVE && !zones.contains(m.kind().zone.getId())) zones.add(m.kind().zone.getId());
        }
        List<Mirror> mirrorsWritten = new ArrayList<>();
        for (LogFiles.Log l : written.mirrors()) {
            mirrorsWritten.add(new Mirror(l.folder(), l.server().name(), l.style().formatName(), l.timeZone(), l.files(), l.bytes(), l.lines()));
        }
        return new Summary(o.out(), written.files(), written.bytes(), written.lines(), written.truth().codeRed(),
                written.truth().codeRedII(), written.truth().sources(), names, zones, perHour, List.copyOf(mirrorsWritten), ispWritten);
    }

    /** The simulated Internet of a run: networks, servers, hosts, and the epidemic among them. */
    static final class World {
        final Networks networks;
        final Monitor[] monitors;
        final Population population;
        final Epidemic.Result epidemic;
        /** The stream the rest of the run draws from (after the world's). */
        final SplittableRandom streams;

        private World(Networks networks, Monitor[] monitors, Population population, Epidemic.Result epidemic, SplittableRandom streams) {
            this.networks = networks;
            this.monitors = monitors;
            this.population = population;
            this.epidemic = epidemic;
            this.streams = streams;
        }

        static World build(EpidemicParameters p, SimulateOptions o) {
            SplittableRandom master = new SplittableRandom(o.seed());
            Networks networks = Networks.generate(master.split(), p.vulnerableHosts());
            List<ServerKind> kinds = new ArrayList<>();
            for (String s : o.servers()) kinds.add(ServerKind.byId(s));
            Monitor[] monitors = Monitors.place(kinds, networks, p.probesPerMinute(), master.split());
            Set<Integer> reserved = new HashSet<>();
            for (Monitor m : monitors) reserved.add(m.address());
            int size = (int) Math.max(1, Math.round(p.vulnerableHosts() * o.scale()));
            Population population = Population.generate(p, size, networks, reserved, master.split());
            long end = Utc.of(o.to().getYear(), o.to().getMonthValue(), o.to().getDayOfMonth()) + Utc.DAY;
            // For --isp the probes record their host, and get their address once the ISP's plan is drawn (Isp.resolve).
            ProbeLog.Sources sources = o.isp() ? (h, second) -> h : population::addressAt;
            Epidemic.Result epidemic = Epidemic.run(p, population, monitors, o.scale(), end, master.split(), sources);
            NimdaProbes.add(p, population, monitors, epidemic.logs(), end, master.split(), sources);
            return new World(networks, monitors, population, epidemic, master.split());
        }
    }
}
