package io.vigil.localinfra.smtp;

/**
 * The received messages of the shared {@link LocalSmtp}, readable from any class loader of the JVM through the
 * platform MBean server (an MXBean uses only JDK types, so the proxy works across class loaders).
 *
 * <p>Registered as {@value LocalSmtp#OBJECT_NAME} while the shared server runs. {@link LocalSmtp#shared()} uses it
 * for views of a server another class loader started; tests normally call {@link LocalSmtp#receivedMessages()}.
 */
public interface ReceivedMailMXBean {

    /**
     * @return every message received so far, oldest first, each as its raw MIME bytes (RFC 5322)
     */
    byte[][] getRawMessages();
}
