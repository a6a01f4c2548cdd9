package org.wormsign.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.wormsign.cli.Main;

/**
 * {@code analyze} as a Spark job: {@code spark-submit --class org.wormsign.spark.AnalyzeJob wormsign.jar [analyze
 * options] -o OUT PATH...} on a cluster, or {@code ./wormsign spark [--master local[N]] ...} in this process. The
 * options, outputs and exit statuses are analyze's; the driver writes the outputs where {@code -o} says.
 */
public final class AnalyzeJob {
    private AnalyzeJob() {}

    /** What its help says before analyze's own description. */
    private static final List<String> ABOUT = List.of(
            "analyze as a Spark job: one task per input file, the outputs written by the driver.",
            "--master M (before the other options) says where: default local[*], or spark-submit's.",
            "PATH may also be an hdfs://, s3a:// or file:// URI; - (standard input) is not read.");

    /** Log4j 2's setting of its configuration, read when Spark first logs. */
    private static final String LOG_CONFIGURATION = "log4j2.configurationFile";

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job and returns its exit status; {@code --master M} (before any {@code --}) chooses where. */
    public static int run(String... args) {
        String master = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                rest.addAll(List.of(args).subList(i, args.length));
                break;
            }
            if (args[i].equals("--master") && i + 1 < args.length) master = args[++i];
            else if (args[i].startsWith("--master=")) master = args[i].substring("--master=".length());
            else rest.add(args[i]);
        }
        // spark-submit says where in spark.master; without it, this process's cores.
        String where = master != null ? master : System.getProperty("spark.master", "local[*]");
        if (where.startsWith("local") && System.getProperty(LOG_CONFIGURATION) == null) {
            System.setProperty(LOG_CONFIGURATION, "classpath:org/wormsign/spark/log4j2-local.properties");
        }
        Session session = new Session(where);
        try {
            return Main.analyzeWith(new SparkEngine(session::get), "spark", ABOUT, rest.toArray(new String[0]));
        } finally {
            session.stop();
        }
    }

    /** Runs the job in a session that is running already (one per test class: a start costs seconds), left running. */
    public static int run(SparkSession session, String... args) {
        return Main.analyzeWith(new SparkEngine(() -> session), "spark", ABOUT, args);
    }

    /** The job's session, started on first use; in this process (a local master), kept off the network. */
    private static final class Session {
        private final String where;
        private SparkSession session;

        Session(String where) {
            this.where = where;
        }

        synchronized SparkSession get() {
            if (session != null) return session;
            SparkSession.Builder b = SparkSession.builder().appName("wormsign").master(where);
            if (where.startsWith("local")) {
                // Measured: with these (and SPARK_LOCAL_IP=127.0.0.1, which the launcher sets) a local job makes no
                // internet-family connection; without, the UI listens on 0.0.0.0:4040 and a DNS query goes out.
                b.config("spark.ui.enabled", "false")
                        .config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1");
            }
            session = b.getOrCreate();
            return session;
        }

        synchronized void stop() {
            if (session != null) session.stop();
        }
    }
}
