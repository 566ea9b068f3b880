package io.partnerid.samples.reference;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.partnerid.authz.Resource;
import io.partnerid.authz.Subject;
import io.partnerid.authz.authzen.AuthZen.ResourceRef;
import io.partnerid.authz.authzen.AuthZenCodec;
import io.partnerid.authz.authzen.AuthZenService;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.grant.CrossOrgGrantService;
import io.partnerid.authz.grant.JdbcGrantRepository;
import io.partnerid.authz.policy.OrgPolicy;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.PolicyDocuments;
import io.partnerid.core.CoreStores;
import io.partnerid.core.IdGenerator;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.audit.AsyncAuditPublisher;
import io.partnerid.core.audit.ChainVerification;
import io.partnerid.core.domain.InMemoryDnsTxtResolver;
import io.partnerid.core.jdbc.PartnerIdSchema;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.token.PrivateKeyProtector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PartnerID reference server: the SDK on an embedded H2 file database with a demo partner ecosystem, behind a few
 * JSON endpoints on the JDK's HTTP server. It is what a newcomer starts first (the README's run command).
 *
 * <p>Thread-safe. {@link #start} migrates the schema ({@link PartnerIdSchema}), builds {@link IdentityCore} over the
 * JDBC stores (audit through an {@link AsyncAuditPublisher}), loads the AuthZEN "Todo" sample policy into a
 * {@link PolicyEngine} with a {@link CrossOrgGrantService} over {@link JdbcGrantRepository}, seeds the demo data on
 * the first start ({@link DemoData}), then listens. {@link #close} stops the HTTP server, stores the queued audit events, then shuts the database down
 * ({@code SHUTDOWN} for H2) and closes the pool.
 *
 * <p>Endpoints: {@code GET /healthz}, {@code GET /api/orgs}, {@code GET /api/audit/verify},
 * {@code POST /access/v1/evaluation}, {@code POST /access/v1/evaluations}, {@code POST /access/v1/search/subject},
 * {@code POST /access/v1/search/resource}, {@code POST /access/v1/search/action} and
 * {@code GET /.well-known/authzen-configuration}. AuthZEN subjects are users named by their Todo policy organization
 * and username ({@code the-smiths/summer@the-smiths.com}; see {@link TodoSubjects}), so a user of one pool never
 * answers for a user of another with the same username. {@value #HTTP_THREADS} request threads; a request not
 * answered within {@link #REQUEST_DEADLINE} has its connection closed; a subject search considers a bounded number of
 * users. There is no authentication: it binds loopback by default and is a demonstration, not a deployment.
 *
 * <pre>{@code
 * try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.of(0, url), runtime)) {
 *     URI base = server.baseUri(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class ReferenceServer implements AutoCloseable {

    /** The classpath location of the AuthZEN interop "Todo" sample policy shipped by identity-authz. */
    public static final String TODO_POLICY = "/io/partnerid/authz/samples/todo-policy.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceServer.class);
    /** Request threads: enough that a few slow clients do not stall the server, each bounded by the deadline. */
    /** The issuer of the access tokens of this demo deployment. */
    static final String ISSUER = "http://127.0.0.1/partnerid";

    static final int HTTP_THREADS = 16;
    /** One connection per request thread, so no request waits for another's connection. */
    private static final int DB_POOL_SIZE = HTTP_THREADS;
    /** A request not answered within this time (its body read included) has its connection closed. */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);
    private static final Duration AUDIT_FLUSH = Duration.ofSeconds(10);

    private final ReferenceServerConfig config;
    private final HikariDataSource dataSource;
    private final HttpServer http;
    private final ExecutorService executor;
    private final ScheduledExecutorService deadlines;
    private final AsyncAuditPublisher audit;
    private final IdentityCore core;
    private final TodoSubjects subjects;
    private final DemoData.Ecosystem ecosystem;
    private final URI baseUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ReferenceServer(ReferenceServerConfig config, HikariDataSource dataSource, HttpServer http,
                            ExecutorService executor, ScheduledExecutorService deadlines, AsyncAuditPublisher audit,
                            IdentityCore core, TodoSubjects subjects, DemoData.Ecosystem ecosystem) {
        this.config = config;
        this.dataSource = dataSource;
        this.http = http;
        this.executor = executor;
        this.deadlines = deadlines;
        this.audit = audit;
        this.core = core;
        this.subjects = subjects;
        this.ecosystem = ecosystem;
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().getHostAddress();
        this.baseUri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + address.getPort());
    }

    /**
     * Runs the server in the foreground until the process is stopped (Ctrl-C); prints one line when it is ready.
     */
    public static void main(String[] args) throws Exception {
        ReferenceServerConfig config;
        try {
            config = ReferenceServerConfig.parse(Arrays.asList(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ReferenceServer server;
        try {
            server = start(config, defaultRuntime());
        } catch (RuntimeException e) { // a busy port, a database in use by another process, a failed migration
            LOG.error("The reference server could not start", e);
            System.err.println("PartnerID reference server could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "reference-server-shutdown"));
        System.out.println("PartnerID reference server ready at " + server.baseUri() + " (database: "
                + config.databaseDescription() + "); Ctrl-C to stop");
        stopped.await();
    }

    /** The production runtime: the system clock and a DRBG for ids and randomness. */
    static IdentityRuntime defaultRuntime() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("DRBG");
        return new IdentityRuntime(Clock.systemUTC(), IdGenerator.random(random), random);
    }

    /**
     * Opens the database, applies the schema, seeds the demo data if it is not there yet and starts listening.
     *
     * @throws IllegalStateException when the database cannot be used or the port cannot be bound; everything opened
     *     so far is closed again
     */
    public static ReferenceServer start(ReferenceServerConfig config, IdentityRuntime runtime) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(runtime, "runtime");
        HikariDataSource dataSource = openPool(config);
        HttpServer http = null;
        ExecutorService executor = null;
        ScheduledExecutorService deadlines = null;
        AsyncAuditPublisher audit = null;
        try {
            ping(dataSource);
            PartnerIdSchema.migrate(dataSource);
            PartnerIdSchema.migrate(dataSource, "authz");

            CoreStores stores = CoreStores.jdbc(dataSource);
            audit = AsyncAuditPublisher.builder(stores.auditLog()).build();
            // The demo issues no tokens yet (the Spring Boot starter issue adds its token endpoint) and so creates no
            // signing key: a key-encryption key of this process suffices. A deployment takes it from its KMS, and
            // must keep it, since the sealed keys in the database open only with it.
            SecretKey keyEncryptionKey = new SecretKeySpec(runtime.randomBytes(32), "AES");
            IdentityCore core = IdentityCore.builder()
                    .stores(stores)
                    .runtime(runtime)
                    .auditPublisher(audit)
                    .dnsResolver(new InMemoryDnsTxtResolver()) // no domain verification in the demo: no DNS
                    .tokens(ISSUER, PrivateKeyProtector.aesGcm(keyEncryptionKey, runtime.random()))
                    .build();
            PolicyEngine engine = PolicyEngine.create(runtime.clock(), todoPolicy());
            CrossOrgGrantService grants = CrossOrgGrantService.builder().runtime(runtime)
                    .repository(new JdbcGrantRepository(dataSource)).engine(engine).auditPublisher(audit)
                    .adminGuard(core.admin().guard()).build();
            DemoData.Ecosystem ecosystem = DemoData.ensure(core, grants);
            if (!audit.flush(AUDIT_FLUSH)) {
                LOG.warn("The demo data's audit events were not all stored within {}", AUDIT_FLUSH);
            }

            TodoSubjects subjects = new TodoSubjects(core, grants, ecosystem);
            AuthZenService pdp = new AuthZenService(engine, subjects, ReferenceServer::resolveResource, subjects,
                    type -> List.of());

            executor = Executors.newFixedThreadPool(HTTP_THREADS, threads("reference-server-http-"));
            deadlines = Executors.newSingleThreadScheduledExecutor(threads("reference-server-deadline-"));
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.bindAddress()),
                    config.port()), 64);
            http.setExecutor(executor);
            ReferenceServer server = new ReferenceServer(config, dataSource, http, executor, deadlines, audit, core,
                    subjects, ecosystem);
            http.createContext("/", server.routes(core, pdp, deadlines));
            http.start();
            LOG.info("Listening on {} ({} HTTP threads, {} request deadline), database {}", server.baseUri,
                    HTTP_THREADS, REQUEST_DEADLINE, config.databaseDescription());
            return server;
        } catch (IOException e) {
            abort(config, dataSource, http, executor, deadlines, audit);
            throw new IllegalStateException("cannot listen on " + config.bindAddress() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abort(config, dataSource, http, executor, deadlines, audit);
            throw e;
        }
    }

    /** Releases what a failed start had opened, the database last. */
    private static void abort(ReferenceServerConfig config, HikariDataSource dataSource, HttpServer http,
                              ExecutorService executor, ScheduledExecutorService deadlines,
                              AsyncAuditPublisher audit) {
        if (http != null) {
            http.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (deadlines != null) {
            deadlines.shutdownNow();
        }
        if (audit != null) {
            audit.close();
        }
        shutdownDatabase(config, dataSource);
    }

    /** The AuthZEN interop "Todo" sample policy, plus the partner organization the demo's grant goes to. */
    static PolicyDocument todoPolicy() {
        String yaml;
        try (InputStream in = ReferenceServer.class.getResourceAsStream(TODO_POLICY)) {
            if (in == null) {
                throw new IllegalStateException("the Todo sample policy is missing from the classpath: " + TODO_POLICY);
            }
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PolicyDocument todo = PolicyDocuments.fromYaml(yaml);
        List<OrgPolicy> orgs = new ArrayList<>(todo.orgs());
        orgs.add(PolicyDocument.org(DemoData.POLICY_SMITHS.value()).build());
        return new PolicyDocument(todo.schema(), todo.revision(), todo.resourceTypes(), todo.endpoints(), orgs,
                todo.grants());
    }

    /**
     * A Todo resource belongs to the Citadel, which runs the application, unless its {@code org} property names
     * another organization of the policy; its other properties (such as {@code ownerID}) are attributes.
     */
    private static Optional<Resource> resolveResource(ResourceRef ref, Subject subject) {
        Object org = ref.properties().get("org");
        OrgId owner = DemoData.POLICY_CITADEL;
        if (org != null) {
            if (!(org instanceof String s)) {
                return Optional.empty();
            }
            try {
                owner = OrgId.of(s);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        Map<String, Object> attributes = new HashMap<>(ref.properties());
        attributes.remove("org");
        return Optional.of(new Resource(ref.type(), ref.id(), owner, attributes));
    }

    private JsonApi routes(IdentityCore core, AuthZenService pdp, ScheduledExecutorService deadlines) {
        return JsonApi.builder()
                .deadline(REQUEST_DEADLINE, deadlines)
                .get("/healthz", body -> health())
                .get("/api/orgs", body -> ok(organizations(core)))
                .get("/api/audit/verify", body -> ok(auditVerification(core)))
                .post("/access/v1/evaluation",
                        body -> ok(AuthZenCodec.toJson(pdp.evaluate(AuthZenCodec.parseEvaluationRequest(body)))))
                .post("/access/v1/evaluations",
                        body -> ok(AuthZenCodec.toJson(pdp.evaluations(AuthZenCodec.parseEvaluationsRequest(body)))))
                .post("/access/v1/search/subject", body -> ok(AuthZenCodec.toJson(
                        pdp.searchSubjects(AuthZenCodec.parseSubjectSearchRequest(body)))))
                .post("/access/v1/search/resource", body -> ok(AuthZenCodec.toJson(
                        pdp.searchResources(AuthZenCodec.parseResourceSearchRequest(body)))))
                .post("/access/v1/search/action", body -> ok(AuthZenCodec.toJson(
                        pdp.searchActions(AuthZenCodec.parseActionSearchRequest(body)))))
                .get("/.well-known/authzen-configuration", body -> ok(authzenConfiguration()))
                .build();
    }

    /** UP once the database answers a query; DOWN (503) when it does not. */
    private JsonApi.Response health() {
        try {
            ping(dataSource);
        } catch (IllegalStateException e) {
            LOG.warn("Health check: {}", e.getMessage());
            return JsonApi.Response.of(503, JsonApi.write(JsonApi.object().put("status", "DOWN")));
        }
        return ok(JsonApi.write(JsonApi.object().put("status", "UP")));
    }

    private static JsonApi.Response ok(String json) {
        return JsonApi.Response.ok(json);
    }

    /** The organization trees of every root, each node with its id, name, parent, status and children. */
    private static String organizations(IdentityCore core) {
        ArrayNode roots = JsonApi.object().arrayNode();
        for (Organization root : Page.all(p -> core.unchecked().organizations().roots(p), 100)) {
            Map<OrgId, ObjectNode> nodes = new LinkedHashMap<>();
            // the subtree comes in path order: every parent before its children
            for (Organization org : Page.all(p -> core.unchecked().organizations().subtree(root.id(), p), 500)) {
                ObjectNode node = JsonApi.object()
                        .put("id", org.id().value())
                        .put("name", org.name())
                        .put("parent", org.parentId().map(OrgId::value).orElse(null))
                        .put("status", org.status().name());
                node.putArray("children");
                nodes.put(org.id(), node);
                if (org.parentId().isPresent() && nodes.containsKey(org.parentId().get())) {
                    ((ArrayNode) nodes.get(org.parentId().get()).get("children")).add(node);
                }
            }
            roots.add(nodes.get(root.id()));
        }
        ObjectNode out = JsonApi.object();
        out.set("organizations", roots);
        return JsonApi.write(out);
    }

    /**
     * Verifies the audit chain of every tenant: each core root organization, and the organizations of the policy
     * document, under whose ids the cross-organization grant service records its privilege changes.
     */
    private String auditVerification(IdentityCore core) {
        Map<OrgId, String> tenants = new LinkedHashMap<>();
        for (Organization root : Page.all(p -> core.unchecked().organizations().roots(p), 100)) {
            tenants.put(root.id(), root.name());
        }
        tenants.put(DemoData.POLICY_CITADEL, "policy organization " + DemoData.POLICY_CITADEL);
        tenants.put(DemoData.POLICY_SMITHS, "policy organization " + DemoData.POLICY_SMITHS);
        ArrayNode chains = JsonApi.object().arrayNode();
        boolean intact = true;
        for (Map.Entry<OrgId, String> tenant : tenants.entrySet()) {
            ChainVerification v = core.auditVerifier().verify(tenant.getKey());
            ObjectNode chain = JsonApi.object().put("tenant", tenant.getKey().value()).put("name", tenant.getValue());
            if (v instanceof ChainVerification.Intact i) {
                chain.put("status", "INTACT").put("records", i.records()).put("headHash", i.headHash());
            } else if (v instanceof ChainVerification.Broken b) {
                intact = false;
                chain.put("status", "BROKEN").put("atSequence", b.atSequence()).put("reason", b.reason().name());
            }
            chains.add(chain);
        }
        ObjectNode out = JsonApi.object().put("intact", intact);
        out.set("chains", chains);
        return JsonApi.write(out);
    }

    /** The AuthZEN PDP metadata, with this server's endpoint URLs. */
    private String authzenConfiguration() {
        String base = baseUri.toString();
        return JsonApi.write(JsonApi.object()
                .put("policy_decision_point", base)
                .put("access_evaluation_endpoint", base + "/access/v1/evaluation")
                .put("access_evaluations_endpoint", base + "/access/v1/evaluations")
                .put("search_subject_endpoint", base + "/access/v1/search/subject")
                .put("search_resource_endpoint", base + "/access/v1/search/resource")
                .put("search_action_endpoint", base + "/access/v1/search/action"));
    }

    /** The base URL, {@code http://<bind address>:<port>}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The port the server listens on (the chosen one when the configuration asked for 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Whether this start seeded the demo data (false when the database already held it). */
    public boolean seededOnStart() {
        return ecosystem.seededNow();
    }

    /** The SDK core the server runs on, for in-process tests that set up more data. */
    IdentityCore core() {
        return core;
    }

    /** The AuthZEN subject resolver and directory, for in-process tests. */
    TodoSubjects subjects() {
        return subjects;
    }

    /** Where the demo data is, for in-process tests. */
    DemoData.Ecosystem ecosystem() {
        return ecosystem;
    }

    /** The configuration the server was started with. */
    public ReferenceServerConfig config() {
        return config;
    }

    /**
     * Stops accepting requests, lets running ones finish (up to a second), then shuts the database down and closes the
     * pool. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        deadlines.shutdownNow();
        audit.close(); // stores what is still queued (bounded by its close timeout)
        shutdownDatabase(config, dataSource);
        LOG.info("Stopped; database {} closed", config.databaseDescription());
    }

    private static HikariDataSource openPool(ReferenceServerConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("partnerid-reference");
        hikari.setJdbcUrl(config.dbUrl());
        // named explicitly: under `mvn exec:java` the drivers live in a child class loader DriverManager may not scan
        if (config.isH2()) {
            hikari.setDriverClassName("org.h2.Driver");
        } else if (config.dbUrl().startsWith("jdbc:postgresql:")) {
            hikari.setDriverClassName("org.postgresql.Driver");
        }
        config.dbUser().ifPresent(hikari::setUsername);
        config.dbPassword().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(DB_POOL_SIZE);
        hikari.setMinimumIdle(1); // keeps an H2 database open while the server runs
        hikari.setConnectionTimeout(5_000);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            // the driver's message may contain the URL's parameters: say where, not what it said
            throw new IllegalStateException("cannot open the database " + config.databaseDescription()
                    + " (is another process using it?)", e);
        }
    }

    private static void ping(HikariDataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException e) {
            throw new IllegalStateException("the database does not answer (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /**
     * H2: {@code SHUTDOWN} writes and closes the file, so no committed row is lost; then the pool is closed. The
     * statement runs on a connection of its own, outside the pool: a pooled one would be reset by the pool after
     * the database has gone, which H2 records as an error in a trace file next to the database.
     */
    private static void shutdownDatabase(ReferenceServerConfig config, HikariDataSource dataSource) {
        if (config.isH2()) {
            Properties credentials = new Properties();
            config.dbUser().ifPresent(u -> credentials.setProperty("user", u));
            config.dbPassword().ifPresent(p -> credentials.setProperty("password", p));
            try (Connection c = new org.h2.Driver().connect(config.dbUrl(), credentials);
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.warn("H2 SHUTDOWN failed (SQLState {}); closing the pool anyway", e.getSQLState());
            }
        }
        dataSource.close();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        };
    }
}
