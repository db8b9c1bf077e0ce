package io.vigil.localinfra.kafka;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.BrokerServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.LocalServers;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) in this JVM, from Kafka's own test kit.
 *
 * <p>Settings: listeners on 127.0.0.1 with ephemeral ports, {@code auto.create.topics.enable=false} (services create
 * their topics), replication factor 1 and min ISR 1 for the offsets, transaction-state and share-state topics (so
 * transactions and Kafka Streams {@code exactly_once_v2} work on one broker), {@code
 * group.initial.rebalance.delay.ms=0}.
 * Start-up takes about 3 s.
 *
 * <p>Shared instance: {@link #shared()}; its bootstrap servers are published JVM-wide as the system property
 * {@code vigil.localinfra.kafka.bootstrap-servers}. Thread safety: all methods may be called from any thread.
 */
public final class LocalKafka implements AutoCloseable {

    /** System property (under {@code vigil.localinfra.}) that carries the shared broker's bootstrap servers. */
    public static final String BOOTSTRAP_SERVERS_PROPERTY = LocalServers.PROPERTY_PREFIX + "kafka.bootstrap-servers";

    private static final Logger LOGGER = Logger.getLogger(LocalKafka.class);
    private static final String NAME = "kafka";
    private static final String LOOPBACK = "127.0.0.1";

    private final String bootstrapServers;
    private final KafkaClusterTestKit cluster;
    private final Thread stopOnExit;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LocalKafka(String bootstrapServers, KafkaClusterTestKit cluster, boolean owned) {
        this.bootstrapServers = bootstrapServers;
        this.cluster = cluster;
        this.stopOnExit = owned ? LocalServers.stopOnExit(NAME, this::stop) : null;
    }

    /**
     * Starts a new broker owned by the caller; {@link #close()} stops it (a JVM shutdown hook does if the caller
     * does not).
     *
     * @return the running broker
     * @throws LocalInfraException if the broker does not start
     */
    public static LocalKafka start() {
        return boot(true);
    }

    /**
     * Returns the one broker of this JVM, starting it on first use; it stops at JVM exit and {@link #close()} on it
     * does nothing. Safe to call from several threads and class loaders.
     *
     * @return the shared broker, or a view of it when another class loader started it
     * @throws LocalInfraException if the broker does not start
     */
    public static LocalKafka shared() {
        return LocalServers.shared(NAME, LocalKafka.class, () -> boot(false),
                kafka -> Map.of("bootstrap-servers", kafka.bootstrapServers), LocalKafka::stop,
                published -> new LocalKafka(published.get("bootstrap-servers"), null, false));
    }

    /**
     * @return the bootstrap servers, e.g. {@code 127.0.0.1:41234}
     */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Stops the broker process of a broker from {@link #start()} while keeping its data and its controller, so that
     * {@link #restartBroker()} brings it back on the same port: clients see Kafka go down and come back.
     *
     * @throws IllegalStateException on the shared broker or a view of one
     */
    public void stopBroker() {
        BrokerServer broker = ownedBroker();
        broker.shutdown();
        broker.awaitShutdown();
        LOGGER.infof("Kafka broker at %s stopped (restartable)", bootstrapServers);
    }

    /**
     * Starts the broker again after {@link #stopBroker()}, on the same port, and waits until it serves.
     *
     * @throws IllegalStateException on the shared broker or a view of one
     * @throws LocalInfraException if the broker does not come back
     */
    public void restartBroker() {
        BrokerServer broker = ownedBroker();
        try {
            broker.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new LocalInfraException("Kafka broker at " + bootstrapServers + " did not restart: " + e, e);
        }
        LOGGER.infof("Kafka broker at %s restarted", bootstrapServers);
    }

    private BrokerServer ownedBroker() {
        if (cluster == null || stopOnExit == null) {
            throw new IllegalStateException("only a broker from LocalKafka.start() can be stopped and restarted");
        }
        return cluster.brokers().values().iterator().next();
    }

    /**
     * Stops a broker from {@link #start()}; does nothing on the shared broker.
     */
    @Override
    public void close() {
        if (stopOnExit != null) {
            stop();
            LocalServers.cancelStopOnExit(stopOnExit);
        }
    }

    private void stop() {
        if (cluster == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            cluster.close();
            LOGGER.infof("Kafka at %s stopped", bootstrapServers);
        } catch (Exception e) {
            LOGGER.warnf(e, "Kafka at %s did not stop cleanly", bootstrapServers);
        }
    }

    private static LocalKafka boot(boolean owned) {
        long begin = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        keepTheJvmWhenTheBrokerHalts();
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            String brokerListener = nodes.brokerListenerName().value();
            String controllerListener = nodes.controllerListenerName().value();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("listeners",
                            brokerListener + "://" + LOOPBACK + ":0," + controllerListener + "://" + LOOPBACK + ":0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "5")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("min.insync.replicas", "1")
                    .setConfigProp("default.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            rebindPreboundSocketsToLoopback(cluster);
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            int port = cluster.brokers().values().iterator().next().boundPort(ListenerName.normalised(brokerListener));
            String bootstrapServers = LOOPBACK + ":" + port;
            LOGGER.infof("Kafka started at %s in %d ms", bootstrapServers, (System.nanoTime() - begin) / 1_000_000);
            return new LocalKafka(bootstrapServers, cluster, owned);
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            throw new LocalInfraException("Kafka (KRaft test kit) did not start: " + e, e);
        }
    }

    /**
     * A broker whose log directory fails calls {@code Exit.halt(1)}, which would end this whole JVM. At JVM exit the
     * test kit's own shutdown hook deletes the broker's temporary directory while this class's hook is still stopping
     * the broker; the broker then fails to write its checkpoint files and halted the test JVM with exit code 1 after
     * every test had passed (Surefire: "Error occurred in starting fork"). The embedded broker only logs the request:
     * a broker that really lost its directory makes the test using it fail on its own.
     */
    static void keepTheJvmWhenTheBrokerHalts() {
        Exit.setHaltProcedure((status, message) -> LOGGER.warnf(
                "The embedded Kafka broker asked to halt the JVM (status %d: %s); ignored, the JVM keeps running",
                status, message));
    }

    /**
     * The test kit pre-binds every listener port on the wildcard address (so that the controller quorum can be
     * configured before start-up). Re-bind each still unused socket to 127.0.0.1 on the same port before the servers
     * pick them up, so nothing listens beyond the loopback interface.
     */
    @SuppressWarnings("unchecked")
    private static void rebindPreboundSocketsToLoopback(KafkaClusterTestKit cluster) throws IOException {
        Map<Integer, Map<String, ServerSocketChannel>> sockets;
        try {
            Field managerField = KafkaClusterTestKit.class.getDeclaredField("socketFactoryManager");
            managerField.setAccessible(true);
            Object manager = managerField.get(cluster);
            Field socketsField = manager.getClass().getDeclaredField("sockets");
            socketsField.setAccessible(true);
            sockets = (Map<Integer, Map<String, ServerSocketChannel>>) socketsField.get(manager);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warnf("Kafka test kit internals changed (%s); the broker listens on all interfaces", e);
            return;
        }
        InetAddress loopback = InetAddress.getByName(LOOPBACK);
        for (Map<String, ServerSocketChannel> byListener : sockets.values()) {
            for (Map.Entry<String, ServerSocketChannel> entry : byListener.entrySet()) {
                int port = ((InetSocketAddress) entry.getValue().getLocalAddress()).getPort();
                entry.getValue().close();
                ServerSocketChannel channel = ServerSocketChannel.open();
                channel.configureBlocking(false);
                channel.socket().setReuseAddress(true);
                channel.socket().bind(new InetSocketAddress(loopback, port));
                entry.setValue(channel);
            }
        }
    }
}
