package io.vigil.notify.receiver;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.runtime.StartupEvent;
import io.vigil.notify.StartupOrder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The configured receivers, each bound to the {@link Receiver} bean of its kind and validated at start-up: an unknown
 * kind or an invalid setting stops the service with a message naming the receiver, the key and the value.
 */
@ApplicationScoped
public class Receivers {

    private static final Logger LOGGER = Logger.getLogger(Receivers.class);

    private final Map<String, BoundReceiver> bound;

    @Inject
    Receivers(ReceiversConfig config, @Any Instance<Receiver> implementations, Engine engine,
            @Location("notification/title.txt") Template defaultTitle,
            @Location("notification/text.txt") Template defaultText) {
        this(config.receivers(), byKind(implementations), engine, defaultTitle, defaultText);
    }

    Receivers(Map<String, ReceiversConfig.ReceiverConfig> configured, Map<String, Receiver> implementationsByKind,
            Engine engine, Template defaultTitle, Template defaultText) {
        Map<String, BoundReceiver> result = new LinkedHashMap<>();
        new TreeMap<>(configured).forEach((name, settings) -> {
            ReceiverTarget target = new ReceiverTarget(name, settings);
            Receiver implementation = implementationsByKind.get(settings.kind());
            if (implementation == null) {
                throw new IllegalArgumentException("Receiver '" + name + "' has unknown kind '" + settings.kind()
                        + "' (" + target.key("kind") + "); known kinds: "
                        + String.join(", ", new TreeSet<>(implementationsByKind.keySet())));
            }
            implementation.validate(target);
            Set<String> redact = Set.copyOf(settings.redact().orElse(List.of()));
            for (String field : redact) {
                if (!Notification.REDACTABLE.contains(field)) {
                    throw new IllegalArgumentException("Receiver '" + name + "' redacts unknown field '" + field
                            + "' (" + target.key("redact") + "); fields: "
                            + String.join(", ", new TreeSet<>(Notification.REDACTABLE)));
                }
            }
            result.put(name, new BoundReceiver(target, implementation,
                    template(engine, target, "title-template", settings.titleTemplate(), defaultTitle),
                    template(engine, target, "text-template", settings.textTemplate(), defaultText), redact));
        });
        this.bound = Collections.unmodifiableMap(result);
    }

    private static Template template(Engine engine, ReceiverTarget target, String key, Optional<String> source,
            Template fallback) {
        if (source.isEmpty()) {
            return fallback;
        }
        try {
            return engine.parse(source.get());
        } catch (TemplateException e) {
            throw new IllegalArgumentException("Receiver '" + target.name() + "' has an invalid Qute template in "
                    + target.key(key) + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Receiver> byKind(Instance<Receiver> implementations) {
        Map<String, Receiver> byKind = new TreeMap<>();
        for (Instance.Handle<Receiver> handle : implementations.handles()) {
            String kind = handle.getBean().getName();
            if (kind == null) {
                throw new IllegalStateException("Receiver bean " + handle.getBean().getBeanClass().getName()
                        + " has no @Named kind");
            }
            byKind.put(kind, handle.get());
        }
        return byKind;
    }

    void validateAtStartup(@Observes @Priority(StartupOrder.VALIDATE) StartupEvent startup) {
        LOGGER.infof("Receivers configured: %s", describe());
    }

    /** @return the configured receiver names */
    public Set<String> names() {
        return bound.keySet();
    }

    /**
     * @param name a configured receiver name
     * @throws IllegalArgumentException when no receiver has that name
     */
    public BoundReceiver get(String name) {
        BoundReceiver receiver = bound.get(name);
        if (receiver == null) {
            throw new IllegalArgumentException("No receiver named '" + name + "' (vigil.notify.receivers." + name
                    + ".kind); configured: " + String.join(", ", bound.keySet()));
        }
        return receiver;
    }

    /** @return the configured receivers of one kind, in name order */
    public List<ReceiverTarget> ofKind(String kind) {
        return bound.values().stream()
                .map(BoundReceiver::target)
                .filter(target -> target.kind().equals(kind))
                .toList();
    }

    private String describe() {
        return bound.isEmpty()
                ? "none"
                : String.join(", ", bound.values().stream().map(r -> r.name() + " (" + r.kind() + ")").toList());
    }
}
