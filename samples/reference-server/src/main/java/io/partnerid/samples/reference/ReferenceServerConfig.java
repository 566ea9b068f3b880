package io.partnerid.samples.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the reference server listens and which database it uses: command-line options first, then environment
 * variables, then the embedded defaults.
 *
 * <p>Immutable and thread-safe.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>option</th><th>environment</th><th>default</th></tr>
 *   <tr><td>{@code --port N}</td><td>{@code PARTNERID_PORT}</td><td>8080; 0 picks a free port</td></tr>
 *   <tr><td>{@code --bind ADDRESS}</td><td>{@code PARTNERID_BIND}</td><td>127.0.0.1 (loopback only)</td></tr>
 *   <tr><td>{@code --db JDBC-URL}</td><td>{@code PARTNERID_DB_URL}</td>
 *       <td>an H2 file database at {@value #DEFAULT_DB_PATH} (relative to the working directory)</td></tr>
 *   <tr><td>{@code --db-user NAME}</td><td>{@code PARTNERID_DB_USER}</td><td>none</td></tr>
 *   <tr><td>(none, so that it never shows in a process list)</td><td>{@code PARTNERID_DB_PASSWORD}</td>
 *       <td>none</td></tr>
 * </table>
 *
 * @param bindAddress the address the HTTP server binds
 * @param port the TCP port, 0 for an ephemeral one
 * @param dbUrl the JDBC URL
 * @param dbUser the database user, if any
 * @param dbPassword the database password, if any; never printed
 */
public record ReferenceServerConfig(String bindAddress, int port, String dbUrl, Optional<String> dbUser,
                                    Optional<String> dbPassword) {

    /** The default port. */
    public static final int DEFAULT_PORT = 8080;

    /** The default bind address: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    /** The default H2 database, relative to the working directory (under {@code target/}, so never committed). */
    public static final String DEFAULT_DB_PATH = "./target/reference-server/partnerid";

    public ReferenceServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(dbUser, "dbUser");
        Objects.requireNonNull(dbPassword, "dbPassword");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535");
        }
        if (!dbUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("the database URL must be a JDBC URL (jdbc:...)");
        }
    }

    /** The defaults: loopback, port 8080, the H2 file database at {@value #DEFAULT_DB_PATH}. */
    public static ReferenceServerConfig defaults() {
        return new ReferenceServerConfig(DEFAULT_BIND, DEFAULT_PORT, h2FileUrl(DEFAULT_DB_PATH), Optional.empty(),
                Optional.empty());
    }

    /** A configuration on the given port and JDBC URL, loopback, no credentials (for tests and embedding). */
    public static ReferenceServerConfig of(int port, String dbUrl) {
        return new ReferenceServerConfig(DEFAULT_BIND, port, dbUrl, Optional.empty(), Optional.empty());
    }

    /**
     * The JDBC URL of an H2 file database at {@code path}, in the mode the SDK's DDL is written for, with H2's own
     * close-on-exit hook off (the server shuts the database down itself, after the HTTP server has stopped).
     */
    public static String h2FileUrl(String path) {
        Objects.requireNonNull(path, "path");
        return "jdbc:h2:file:" + path
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Reads the options ({@code --port 8081} or {@code --port=8081}), falling back to the environment.
     *
     * @throws IllegalArgumentException for an unknown option, a missing value or an invalid port
     */
    public static ReferenceServerConfig parse(List<String> args, Map<String, String> env) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(env, "env");
        List<String> tokens = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                tokens.add(arg.substring(0, eq));
                tokens.add(arg.substring(eq + 1));
            } else {
                tokens.add(arg);
            }
        }
        String port = env.get("PARTNERID_PORT");
        String bind = env.get("PARTNERID_BIND");
        String db = env.get("PARTNERID_DB_URL");
        String user = env.get("PARTNERID_DB_USER");
        for (int i = 0; i < tokens.size(); i++) {
            String option = tokens.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            if (i + 1 >= tokens.size()) {
                throw new IllegalArgumentException("missing value for " + safe(option) + "\n" + usage());
            }
            String value = tokens.get(++i);
            switch (option) {
                case "--port" -> port = value;
                case "--bind" -> bind = value;
                case "--db" -> db = value;
                case "--db-user" -> user = value;
                default -> throw new IllegalArgumentException("unknown option " + safe(option) + "\n" + usage());
            }
        }
        return new ReferenceServerConfig(blankToNull(bind) == null ? DEFAULT_BIND : bind.strip(),
                blankToNull(port) == null ? DEFAULT_PORT : port(port),
                blankToNull(db) == null ? h2FileUrl(DEFAULT_DB_PATH) : db.strip(),
                Optional.ofNullable(blankToNull(user)),
                Optional.ofNullable(blankToNull(env.get("PARTNERID_DB_PASSWORD"))));
    }

    /** Whether the database is H2 (the server then executes {@code SHUTDOWN} when it stops). */
    public boolean isH2() {
        return dbUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
    }

    /**
     * Where the data lives, for people: an H2 file database as its file path, any other database as its URL without
     * parameters or credentials.
     */
    public String databaseDescription() {
        String lower = dbUrl.toLowerCase(Locale.ROOT);
        String location = dbUrl.split("[;?]", 2)[0];
        if (lower.startsWith("jdbc:h2:file:")) {
            return java.nio.file.Path.of(location.substring("jdbc:h2:file:".length())).toAbsolutePath().normalize()
                    + ".mv.db";
        }
        // jdbc:postgresql://user:secret@host/db -> jdbc:postgresql://host/db
        return location.replaceFirst("//[^/@]*@", "//");
    }

    @Override
    public String toString() {
        // never the password, never URL parameters (they may carry credentials)
        return "ReferenceServerConfig[bind=" + bindAddress + ", port=" + port + ", db=" + databaseDescription() + "]";
    }

    static String usage() {
        return """
                usage: ReferenceServer [--port N] [--bind ADDRESS] [--db JDBC-URL] [--db-user NAME]
                  --port     TCP port (default 8080, 0 = any free port; env PARTNERID_PORT)
                  --bind     address to listen on (default 127.0.0.1; env PARTNERID_BIND)
                  --db       JDBC URL (default an H2 file database at ./target/reference-server/partnerid;
                             env PARTNERID_DB_URL); H2 URLs need MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE
                  --db-user  database user (env PARTNERID_DB_USER); the password only from PARTNERID_DB_PASSWORD""";
    }

    private static int port(String value) {
        try {
            int p = Integer.parseInt(value.strip());
            if (p < 0 || p > 65_535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number from 0 to 65535");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String safe(String option) {
        return option.length() > 40 ? option.substring(0, 40) + "..." : option;
    }
}
