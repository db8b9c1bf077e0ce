package io.vigil.sigma;

/**
 * Finds a literal text that every match of a regular expression must contain, so that {@code |re} can skip the regex
 * engine when the text is absent (most records): {@code .+:assumed-role/aws:.+} needs {@code :assumed-role/aws:}.
 * Conservative: any group, alternation, character class, bounded repetition or escape other than an escaped punctuation
 * character gives up (no literal, the regex always runs).
 */
final class RegexLiteral {

    private RegexLiteral() {
    }

    /** The longest literal run every match contains, or null if none could be proven. */
    static String required(String regex) {
        String best = "";
        StringBuilder run = new StringBuilder();
        boolean afterQuantifier = false;
        boolean lastWasLiteral = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|') {
                return null;
            }
            if (c == '*' || c == '+' || c == '?') {
                if (afterQuantifier) {
                    continue; // lazy or possessive suffix: the same repetition
                }
                if (lastWasLiteral && c != '+') {
                    run.setLength(run.length() - 1); // the literal is optional
                }
                best = longer(best, run);
                run.setLength(0);
                afterQuantifier = true;
                lastWasLiteral = false;
                continue;
            }
            afterQuantifier = false;
            if (c == '.' || c == '^' || c == '$') {
                best = longer(best, run);
                run.setLength(0);
                lastWasLiteral = false;
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= regex.length() || Character.isLetterOrDigit(regex.charAt(i + 1))) {
                    return null;
                }
                c = regex.charAt(++i);
            }
            run.append(c);
            lastWasLiteral = true;
        }
        best = longer(best, run);
        return best.isEmpty() ? null : best;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }
}
