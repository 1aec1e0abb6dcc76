package dev.dbtest.junit.internal;

import dev.dbtest.junit.NonTransactional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.UniqueId;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The budget keys and names a test method's declaration gives its tests, worked out once per method. */
class TestMethodTests {

    private static final String ENGINE = "[engine:junit-jupiter]/[class:dev.dbtest.Cases]";

    @Test
    void aPlainTestsKeyIsItsSignatureAndItsUniqueIdIsNeverBuilt() throws NoSuchMethodException {
        AtomicInteger asked = new AtomicInteger();
        TestMethod plain = of(Cases.class, "plain", String.class);
        assertThat(plain.budgetKey(() -> {
            asked.incrementAndGet();
            return ENGINE + "/[method:plain(java.lang.String)]";
        })).isEqualTo("plain(String)");
        assertThat(asked).as("the unique id, a string JUnit builds on each call").hasValue(0);
        assertThat(plain.optsOut()).isFalse();
        assertThat(plain.owner("plain(String)")).isEqualTo("Cases.plain()");
        assertThat(of(Cases.class, "optedOut").optsOut()).isTrue();
    }

    @Test
    void anInvocationsKeyHasItsNumberAndItsDisplayNameNamesIt() throws NoSuchMethodException {
        TestMethod repeated = of(Cases.class, "repeated");
        assertThat(repeated.budgetKey(() -> ENGINE + "/[test-template:repeated()]/[test-template-invocation:#3]"))
                .isEqualTo("repeated() [3]");
        assertThat(repeated.owner("repetition 3 of 4")).isEqualTo("Cases.repeated() [repetition 3 of 4]");
    }

    @Test
    void inAClassTemplateEveryTestIsKeyedByTheClassesInvocationToo() throws NoSuchMethodException {
        String inTemplate = "[engine:junit-jupiter]/[class-template:dev.dbtest.Templated]"
                + "/[class-template-invocation:#2]";
        assertThat(of(Templated.class, "plain").budgetKey(() -> inTemplate + "/[method:plain()]"))
                .isEqualTo("plain() [2]");
        assertThat(of(Templated.class, "repeated").budgetKey(() -> inTemplate
                + "/[test-template:repeated()]/[test-template-invocation:#3]")).isEqualTo("repeated() [2/3]");
    }

    @Test
    void valuesThatLookLikeTheUniqueIdsSyntaxDoNotChangeTheKey() throws NoSuchMethodException {
        // JUnit's own format: a value holding "]", ":" or "invocation:#" is encoded, so only real invocations count.
        String uniqueId = UniqueId.forEngine("junit-jupiter").append("class", "dev.dbtest.C]invocation:#7]")
                .append("test-template", "repeated()").append("test-template-invocation", "#4").toString();
        assertThat(of(Cases.class, "repeated").budgetKey(() -> uniqueId)).isEqualTo("repeated() [4]");
    }

    @Test
    void theFactsAreWorkedOutOncePerMethodAndClass() throws NoSuchMethodException {
        Method plain = Cases.class.getDeclaredMethod("plain", String.class);
        assertThat(TestMethod.of(plain, Cases.class, NonTransactional.class))
                .isSameAs(TestMethod.of(plain, Cases.class, NonTransactional.class))
                .isNotSameAs(TestMethod.of(plain, SubCases.class, NonTransactional.class));
        assertThat(TestMethod.of(plain, SubCases.class, NonTransactional.class).owner("plain(String)"))
                .as("an inherited method is named after the class that runs it").isEqualTo("SubCases.plain()");
    }

    private static TestMethod of(Class<?> testClass, String name, Class<?>... types) throws NoSuchMethodException {
        return TestMethod.of(testClass.getDeclaredMethod(name, types), testClass, NonTransactional.class);
    }

    // Not run here: their declarations are what is read.
    static class Cases {
        @Test
        void plain(String ignored) {
        }

        @Test
        @NonTransactional
        void optedOut() {
        }

        @RepeatedTest(4)
        void repeated() {
        }
    }

    static class SubCases extends Cases {
    }

    @ParameterizedClass
    @ValueSource(ints = {1, 2})
    static class Templated {
        @Test
        void plain() {
        }

        @RepeatedTest(4)
        void repeated() {
        }
    }
}
