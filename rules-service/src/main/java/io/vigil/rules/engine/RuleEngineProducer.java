package io.vigil.rules.engine;

import io.quarkus.runtime.Startup;
import io.vigil.rules.RulesConfig;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.packs.RulePackLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import io.vigil.rules.model.RulePack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** Builds the {@link RuleEngine} at start-up from the configured packs and the {@code @Named} dialect beans. */
@ApplicationScoped
class RuleEngineProducer {

    private static final Logger LOGGER = Logger.getLogger(RuleEngineProducer.class);

    @Produces
    @Singleton
    @Startup(Interceptor.Priority.PLATFORM_BEFORE)
    RuleEngine ruleEngine(RulesConfig config, @Any Instance<RuleDialect> dialectBeans) {
        try {
            Map<String, RuleDialect> dialects = dialects(dialectBeans);
            RulePackLoader loader = new RulePackLoader();
            List<RulePack> packs = new ArrayList<>(loader.loadBuiltIn(config.packs()));
            for (Path directory : config.directories().orElse(List.of())) {
                packs.add(loader.loadPath(directory));
            }
            RuleEngine engine = RuleEngine.compile(packs, dialects);
            LOGGER.infof("Loaded %d rules (%d enabled, %d in the shared automaton, %d decided by it alone) from packs "
                    + "%s with dialects %s", engine.rules().size(), engine.enabledCount(), engine.prefilteredCount(),
                    engine.sufficientCount(), packs.stream().map(RulePack::name).toList(), dialects.keySet());
            return engine;
        } catch (RuleLoadException e) {
            LOGGER.error("Cannot load rules: " + e.getMessage(), e);
            throw e;
        }
    }

    /** @throws RuleLoadException when a dialect bean has no {@code @Named} name or two share one */
    static Map<String, RuleDialect> dialects(Instance<RuleDialect> beans) {
        Map<String, RuleDialect> byName = new TreeMap<>();
        for (Instance.Handle<RuleDialect> handle : beans.handles()) {
            String beanClass = handle.getBean().getBeanClass().getName();
            String name = handle.getBean().getQualifiers().stream()
                    .filter(Named.class::isInstance)
                    .map(Named.class::cast)
                    .map(Named::value)
                    .findFirst()
                    .orElseThrow(() -> new RuleLoadException("Rule dialect bean " + beanClass
                            + " has no @Named(\"<dialect>\") qualifier"));
            RuleDialect previous = byName.putIfAbsent(name, handle.get());
            if (previous != null) {
                throw new RuleLoadException("Two rule dialect beans are named '" + name + "': " + beanClass
                        + " and " + previous.getClass().getName());
            }
        }
        return byName;
    }
}
