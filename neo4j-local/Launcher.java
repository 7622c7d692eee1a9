import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts Neo4j Community embedded with only the Bolt connector (on 127.0.0.1 unless --listen says otherwise).
 * Arguments: HOME_DIR PORT PASSWORD [--exit-with-parent] [--listen=ADDRESS] [--default-auth]
 * An empty password turns auth off; --default-auth keeps auth on with Neo4j's own initial user
 * (neo4j/neo4j, password change required), as the official image does when NEO4J_AUTH is unset.
 * With --exit-with-parent it stops when its standard input closes, so a test run or server that
 * dies without cleaning up does not leave a Neo4j behind.
 * Prints "NEO4J_READY bolt://ADDRESS:PORT" and then the official image's "INFO  Started." line
 * (which Testcontainers' Neo4j module waits for) once the default database answers,
 * and shuts down cleanly on SIGTERM / SIGINT.
 */
public final class Launcher {
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: Launcher HOME_DIR PORT PASSWORD");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath().normalize();
    int port = Integer.parseInt(args[1]);
    String password = args[2];
    List<String> flags = Arrays.asList(args).subList(3, args.length);
    boolean defaultAuth = flags.contains("--default-auth");
    boolean auth = defaultAuth || !password.isEmpty();
    String listen = flags.stream()
        .filter(f -> f.startsWith("--listen="))
        .map(f -> f.substring("--listen=".length()))
        .findFirst()
        .orElse("127.0.0.1");
    Files.createDirectories(home);

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(listen, port))
        .setConfig(GraphDatabaseSettings.auth_enabled, auth)
        .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("NEO4J_STOPPING");
      dbms.shutdown();
      stopped.countDown();
    }));

    try {
      if (auth && !defaultAuth) setPassword(dbms, password);
      dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    } catch (RuntimeException e) {
      // Without this the DBMS threads keep the JVM alive and the caller waits for a ready line forever
      // (the shutdown hook stops the DBMS).
      e.printStackTrace();
      System.exit(1);
    }
    if (flags.contains("--exit-with-parent")) exitWhenStdinCloses();
    System.out.println("NEO4J_READY bolt://" + listen + ":" + port);
    System.out.println(Instant.now() + " INFO  Started.");
    System.out.flush();
    stopped.await();
  }

  /** On a restart over the same data the password is already set, and Neo4j refuses to "change" it to itself. */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    try {
      dbms.database("system").executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
          Map.of("password", password));
    } catch (QueryExecutionException e) {
      if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) throw e;
    }
  }

  private static void exitWhenStdinCloses() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // the parent never writes; EOF means it has gone
        }
      } catch (java.io.IOException ignored) {
        // treat a broken pipe like EOF
      }
      System.exit(0);
    }, "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
