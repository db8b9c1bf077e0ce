package io.vigil.rules.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vigil.rules.RulesConfig;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.packs.RulePackLoader;
import io.vigil.rules.sigma.SigmaRuleFiles;
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

    /** Counter of Sigma rule files skipped at start-up, tagged {@code reason}. */
    static final String SIGMA_SKIPPED = "vigil.rules.sigma.skipped";

    @Produces
    @Singleton
    @Startup(Interceptor.Priority.PLATFORM_BEFORE)
    RuleEngine ruleEngine(RulesConfig config, @Any Instance<RuleDialect> dialectBeans, MeterRegistry registry) {
        try {
            Map<String, RuleDialect> dialects = dialects(dialectBeans);
            RulePackLoader loader = new RulePackLoader();
            List<RulePack> packs = new ArrayList<>(loader.loadBuiltIn(config.packs()));
            for (Path directory : config.directories().orElse(List.of())) {
                packs.add(loader.loadPath(directory));
            }
            packs.addAll(sigmaPacks(config.sigma(), registry));
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

    /**
     * Loads the configured Sigma rule directories; each skipped file is logged as an error and counted in
     * {@value #SIGMA_SKIPPED}, tagged with the reason.
     *
     * @throws RuleLoadException when a directory cannot be loaded, or a file not under the skip policy
     */
    static List<RulePack> sigmaPacks(RulesConfig.Sigma config, MeterRegistry registry) {
        SigmaRuleFiles files = new SigmaRuleFiles(config.onUnsupported());
        List<RulePack> packs = new ArrayList<>();
        for (Path directory : config.directories().orElse(List.of())) {
            SigmaRuleFiles.Loaded loaded = files.load(directory);
            for (SigmaRuleFiles.Skipped skipped : loaded.skipped()) {
                LOGGER.errorf("Skipped Sigma rule file %s (%s): %s", skipped.file(), skipped.reason(),
                        skipped.message());
                registry.counter(SIGMA_SKIPPED, "reason", skipped.reason()).increment();
            }
            LOGGER.infof("Loaded %d Sigma rules from %s (%d files skipped)", loaded.pack().rules().size(), directory,
                    loaded.skipped().size());
            packs.add(loaded.pack());
        }
        return packs;
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
