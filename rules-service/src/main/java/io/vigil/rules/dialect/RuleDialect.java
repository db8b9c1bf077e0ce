package io.vigil.rules.dialect;

import io.vigil.rules.model.Rule;

/**
 * A rule language. An implementation is a CDI bean qualified {@code @Named("<dialect>")}; a rule's
 * {@link Rule#dialect()} selects it by that name. The rules-service fails at start-up when a rule names a dialect no
 * bean provides, or when two beans share a name.
 *
 * <ol>
 * <li><b>Lifecycle.</b> One instance per application ({@code @ApplicationScoped} or {@code @Singleton}).
 * {@link #compile(Rule)} is called once per rule when rules are loaded (at start-up, and again whenever rules
 * change); the returned matcher lives as long as that version of the rule.</li>
 * <li><b>Threading.</b> {@link #compile(Rule)} may be called from any thread, also concurrently. The returned
 * {@link RuleMatcher} is immutable and is called concurrently from several consumer threads without
 * synchronization.</li>
 * <li><b>Failure.</b> A body that is not valid in this dialect makes {@link #compile(Rule)} throw
 * {@link RuleCompileException} whose message says where and what is wrong (position, expectation); it never returns
 * null. {@link RuleMatcher#matches} must not throw for any well-formed event: absent or mistyped fields are "no
 * match". If it throws anyway, the engine treats the rule as not matched for that event, logs and counts the failure,
 * and goes on with the other rules.</li>
 * <li><b>Purity.</b> Matching has no side effects and does no I/O; the same event always gives the same answer.</li>
 * <li><b>Speed.</b> A matcher may offer a {@link Prefilter}: EventBridge patterns the engine compiles, with those of
 * every other rule, into one event-ruler automaton, so most events never reach {@link RuleMatcher#matches}.</li>
 * </ol>
 */
public interface RuleDialect {

    /**
     * Compiles a rule's {@link Rule#body() body}.
     *
     * @param rule the rule; its dialect is this dialect's name
     * @return a matcher for the rule
     * @throws RuleCompileException when the body is not valid in this dialect
     */
    RuleMatcher compile(Rule rule);
}
