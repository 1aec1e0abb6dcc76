package dev.dbtest.assertions.internal.error;

import dev.dbtest.assertions.internal.QueryAnalysis;
import dev.dbtest.core.CapturedStatement;

import java.util.List;

/** {@code containsStatementMatching(regex)}: the pattern, and every statement that did not match it. */
public final class ShouldContainStatementMatching extends StatementsMessage {

    private final String regex;
    private final List<CapturedStatement> statements;

    public ShouldContainStatementMatching(String regex, List<CapturedStatement> statements) {
        this.regex = regex;
        this.statements = statements;
    }

    @Override
    String text() {
        return "Expecting a statement matching the regular expression\n  " + regex + "\nbut none of these did:\n"
                + QueryAnalysis.listing(statements);
    }
}
