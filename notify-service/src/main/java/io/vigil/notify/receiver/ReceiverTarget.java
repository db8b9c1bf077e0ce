package io.vigil.notify.receiver;

/**
 * One configured receiver: its name and settings.
 *
 * @param name the configured name, e.g. {@code security-email}
 * @param settings its settings under {@code vigil.notify.receivers.<name>}
 */
public record ReceiverTarget(String name, ReceiversConfig.ReceiverConfig settings) {

    /** @return the receiver kind, e.g. {@code email} */
    public String kind() {
        return settings.kind();
    }

    /** @return the full configuration key of one of this receiver's settings, for error messages */
    public String key(String setting) {
        return "vigil.notify.receivers." + name + "." + setting;
    }
}
