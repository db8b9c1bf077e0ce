package io.vigil.localinfra.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.jboss.logging.Logger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.LocalServers;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * An SMTP server (GreenMail, embedded) on 127.0.0.1 with an ephemeral port. It accepts every message without
 * authentication or TLS and keeps it for assertions. Start-up takes well under a second.
 *
 * <p>Shared instance: {@link #shared()}; its address is published JVM-wide as the system properties
 * {@code vigil.localinfra.smtp.host} and {@code vigil.localinfra.smtp.port}, and its mailbox as the platform MXBean
 * {@value #OBJECT_NAME} ({@link ReceivedMailMXBean}).
 *
 * <h2>In a {@code @QuarkusTest}</h2>
 * {@code SmtpTestResource} starts the shared server, possibly in another class loader than the test class. The test
 * simply calls {@code LocalSmtp.shared().receivedMessages()} (or {@link #receivedMessagesTo(String)}): in the test's
 * class loader {@code shared()} finds the published server and returns a view whose {@code receivedMessages()} reads
 * the raw messages through the MXBean and parses them with this class loader's Jakarta Mail. Use a fresh recipient
 * per test and filter with {@link #receivedMessagesTo(String)}: the mailbox is shared by every test of the JVM.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class LocalSmtp implements AutoCloseable {

    /** Object name of the shared server's {@link ReceivedMailMXBean}. */
    public static final String OBJECT_NAME = "io.vigil.localinfra:type=LocalSmtp,name=shared";

    private static final Logger LOGGER = Logger.getLogger(LocalSmtp.class);
    private static final String NAME = "smtp";
    private static final String HOST = "127.0.0.1";

    private final int port;
    private final GreenMail greenMail;
    private final Thread stopOnExit;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LocalSmtp(int port, GreenMail greenMail, boolean owned) {
        this.port = port;
        this.greenMail = greenMail;
        this.stopOnExit = owned ? LocalServers.stopOnExit(NAME, this::stop) : null;
    }

    /**
     * Starts a new server owned by the caller; {@link #close()} stops it (a JVM shutdown hook does if the caller
     * does not).
     *
     * @return the running server
     * @throws LocalInfraException if GreenMail does not start
     */
    public static LocalSmtp start() {
        return boot(true);
    }

    /**
     * Returns the one server of this JVM, starting it on first use; it stops at JVM exit and {@link #close()} on it
     * does nothing. Safe to call from several threads and class loaders.
     *
     * @return the shared server, or a view of it when another class loader started it
     * @throws LocalInfraException if GreenMail does not start
     */
    public static LocalSmtp shared() {
        return LocalServers.shared(NAME, LocalSmtp.class, LocalSmtp::bootShared,
                smtp -> Map.of("host", HOST, "port", Integer.toString(smtp.port)), LocalSmtp::stopShared,
                published -> new LocalSmtp(Integer.parseInt(published.get("port")), null, false));
    }

    /**
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return HOST;
    }

    /**
     * @return the SMTP port
     */
    public int port() {
        return port;
    }

    /**
     * @return every message received so far, oldest first; may be empty, never {@code null}
     */
    public List<MimeMessage> receivedMessages() {
        byte[][] raw = greenMail != null ? rawMessages(greenMail) : mailbox().getRawMessages();
        // Jakarta Mail finds its providers through the context class loader; parse with the one that loaded us.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LocalSmtp.class.getClassLoader());
        try {
            Session session = Session.getInstance(new Properties());
            List<MimeMessage> messages = new ArrayList<>(raw.length);
            for (byte[] bytes : raw) {
                messages.add(new MimeMessage(session, new ByteArrayInputStream(bytes)));
            }
            return List.copyOf(messages);
        } catch (MessagingException e) {
            throw new LocalInfraException("SMTP (GreenMail) on port " + port + ": unreadable message: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * @param address a recipient address, e.g. {@code ops-7f3a@example.com} (compared ignoring case)
     * @return the received messages with that address among their To or Cc recipients, oldest first
     */
    public List<MimeMessage> receivedMessagesTo(String address) {
        return receivedMessages().stream().filter(message -> hasRecipient(message, address)).toList();
    }

    /**
     * Stops a server from {@link #start()}; does nothing on the shared server.
     */
    @Override
    public void close() {
        if (stopOnExit != null) {
            stop();
            LocalServers.cancelStopOnExit(stopOnExit);
        }
    }

    private void stop() {
        if (greenMail == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        greenMail.stop();
        LOGGER.infof("GreenMail SMTP on port %d stopped", port);
    }

    private static LocalSmtp bootShared() {
        LocalSmtp smtp = boot(false);
        ReceivedMailMXBean mailbox = () -> rawMessages(smtp.greenMail);
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new StandardMBean(mailbox,
                    ReceivedMailMXBean.class, true), new ObjectName(OBJECT_NAME));
        } catch (JMException e) {
            smtp.stop();
            throw new LocalInfraException("SMTP (GreenMail): could not register MXBean " + OBJECT_NAME + ": " + e, e);
        }
        return smtp;
    }

    private static void stopShared(LocalSmtp smtp) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(OBJECT_NAME));
        } catch (JMException e) {
            LOGGER.debugf("MXBean %s was not registered: %s", OBJECT_NAME, e);
        }
        smtp.stop();
    }

    private static LocalSmtp boot(boolean owned) {
        long begin = System.nanoTime();
        try {
            GreenMail greenMail = new GreenMail(new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            int port = greenMail.getSmtp().getPort();
            LOGGER.infof("GreenMail SMTP started on %s:%d in %d ms", HOST, port,
                    (System.nanoTime() - begin) / 1_000_000);
            return new LocalSmtp(port, greenMail, owned);
        } catch (RuntimeException e) {
            throw new LocalInfraException("SMTP (GreenMail) did not start: " + e, e);
        }
    }

    private static byte[][] rawMessages(GreenMail greenMail) {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        byte[][] raw = new byte[messages.length][];
        for (int i = 0; i < messages.length; i++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                messages[i].writeTo(bytes);
            } catch (IOException | MessagingException e) {
                throw new LocalInfraException("SMTP (GreenMail): could not read received message " + i + ": " + e, e);
            }
            raw[i] = bytes.toByteArray();
        }
        return raw;
    }

    private ReceivedMailMXBean mailbox() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (!server.isRegistered(name)) {
                throw new LocalInfraException("SMTP (GreenMail) on port " + port + ": MXBean " + OBJECT_NAME
                        + " is not registered; the shared server is not running");
            }
            return JMX.newMXBeanProxy(server, name, ReceivedMailMXBean.class);
        } catch (JMException e) {
            throw new LocalInfraException("SMTP (GreenMail): cannot reach MXBean " + OBJECT_NAME + ": " + e, e);
        }
    }

    private static boolean hasRecipient(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(recipient -> recipient instanceof InternetAddress internet
                            && internet.getAddress().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new LocalInfraException("SMTP (GreenMail): unreadable recipients: " + e, e);
        }
    }
}
