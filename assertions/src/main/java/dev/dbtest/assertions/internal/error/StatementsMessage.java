package dev.dbtest.assertions.internal.error;

import org.assertj.core.description.Description;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.Representation;

/** A failure message written out whole by a factory: the description, if any, then the text. */
abstract class StatementsMessage implements ErrorMessageFactory {

    /** The message without a description. */
    abstract String text();

    @Override
    public final String create(Description description, Representation representation) {
        String value = description == null ? "" : description.value();
        return (value == null || value.isEmpty() ? "" : "[" + value + "] ") + "\n" + text();
    }

    @Override
    public final String create(Description description) {
        return create(description, null);
    }

    @Override
    public final String create() {
        return create(null, null);
    }

    @Override
    public String toString() {
        return text();
    }
}
