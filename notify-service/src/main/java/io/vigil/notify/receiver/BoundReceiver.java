package io.vigil.notify.receiver;

/**
 * A configured receiver bound to the implementation of its kind.
 *
 * @param target the receiver's name and settings
 * @param implementation the bean of its kind
 */
public record BoundReceiver(ReceiverTarget target, Receiver implementation) {

    /** @return the configured name */
    public String name() {
        return target.name();
    }

    /** @return the kind */
    public String kind() {
        return target.kind();
    }

    /** Makes one delivery attempt; see {@link Receiver#deliver(ReceiverTarget, Notification)}. */
    public Receipt deliver(Notification notification) {
        return implementation.deliver(target, notification);
    }
}
