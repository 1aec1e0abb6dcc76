package dev.dbtest.assertions;

import dev.dbtest.assertions.internal.QueryAnalysis;
import dev.dbtest.assertions.internal.error.ShouldAllBeFasterThan;
import dev.dbtest.assertions.internal.error.ShouldContainStatementMatching;
import dev.dbtest.assertions.internal.error.ShouldHaveNoRepeatedSelects;
import dev.dbtest.assertions.internal.error.ShouldHaveStatementCount;
import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.StatementType;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.dbtest.core.StatementType.DELETE;
import static dev.dbtest.core.StatementType.INSERT;
import static dev.dbtest.core.StatementType.SELECT;
import static dev.dbtest.core.StatementType.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every assertion of {@link QueryLogAssert}, passing and failing; failures compared with their message factory. */
class QueryLogAssertTests {

    private static CapturedStatement statement(StatementType type, String sql, Object... parameters) {
        return new CapturedStatement(sql, Arrays.asList(parameters), 0, type, Duration.ofMillis(2), "main", true,
                "PostRepository.findAll(PostRepository.java:31)", false);
    }

    // One page of posts, then the author of each post fetched one at a time: the N+1 pattern.
    private final List<CapturedStatement> nPlusOne = new ArrayList<>(List.of(
            statement(SELECT, "select p.id, p.title, p.author_id from posts p order by p.id"),
            statement(SELECT, "select u.id, u.name from users u where u.id = ?", 1L),
            statement(SELECT, "select u.id, u.name from users u where u.id = ?", 2L),
            statement(SELECT, "select u.id, u.name from users u where u.id = ?", 3L)));

    private final List<CapturedStatement> writes = List.of(
            statement(INSERT, "insert into users (name) values (?)", "Ann"),
            new CapturedStatement("insert into posts (title, author_id) values (?, ?)", List.of("Hi", 1L), 50, INSERT,
                    Duration.ofMillis(30), "pool-1-thread-1", false, "Importer.run(Importer.java:12)", false),
            statement(UPDATE, "update users set name = ? where id = ?", "Bea", 1L),
            statement(DELETE, "delete from posts where id = ?", 9L));

    private static String message(ErrorMessageFactory factory) {
        return factory.create(new TextDescription(""), StandardRepresentation.STANDARD_REPRESENTATION);
    }

    private static void failsWith(Executable assertion, ErrorMessageFactory factory) {
        assertThatThrownBy(assertion::execute).isInstanceOf(AssertionError.class).hasMessage(message(factory));
    }

    @Test
    void countsOfEachTypePass() {
        QueryLog log = QueryLog.of(writes);
        DbAssertions.assertThat(log).hasInsertCount(2).hasUpdateCount(1).hasDeleteCount(1).hasSelectCount(0)
                .hasTotalCount(4).hasAtMostInserts(2).hasAtMostUpdates(1).hasAtMostDeletes(5).hasAtMostSelects(0)
                .hasAtMostStatements(4);
    }

    @Test
    void aWrongCountFailsWithEveryStatementListed() {
        QueryLog log = QueryLog.of(nPlusOne);
        failsWith(() -> DbAssertions.assertThat(log).hasSelectCount(2),
                new ShouldHaveStatementCount(SELECT, 2, false, 4, nPlusOne));
        failsWith(() -> DbAssertions.assertThat(QueryLog.of(writes)).hasInsertCount(1),
                new ShouldHaveStatementCount(INSERT, 1, false, 2, writes));
        failsWith(() -> DbAssertions.assertThat(QueryLog.of(writes)).hasUpdateCount(0),
                new ShouldHaveStatementCount(UPDATE, 0, false, 1, writes));
        failsWith(() -> DbAssertions.assertThat(QueryLog.of(writes)).hasDeleteCount(2),
                new ShouldHaveStatementCount(DELETE, 2, false, 1, writes));
        failsWith(() -> DbAssertions.assertThat(log).hasTotalCount(1),
                new ShouldHaveStatementCount(null, 1, false, 4, nPlusOne));
    }

    @Test
    void anUpperBoundFailsOnlyAboveIt() {
        QueryLog log = QueryLog.of(nPlusOne);
        DbAssertions.assertThat(log).hasAtMostSelects(4);
        failsWith(() -> DbAssertions.assertThat(log).hasAtMostSelects(3),
                new ShouldHaveStatementCount(SELECT, 3, true, 4, nPlusOne));
        failsWith(() -> DbAssertions.assertThat(QueryLog.of(writes)).hasAtMostInserts(1),
                new ShouldHaveStatementCount(INSERT, 1, true, 2, writes));
        failsWith(() -> DbAssertions.assertThat(QueryLog.of(writes)).hasAtMostUpdates(0),
                new ShouldHaveStatementCount(UPDATE, 0, true, 1, writes));
        failsWith(() -> DbAssertions.assertThat(QueryLog.of(writes)).hasAtMostDeletes(0),
                new ShouldHaveStatementCount(DELETE, 0, true, 1, writes));
        failsWith(() -> DbAssertions.assertThat(QueryLog.of(writes)).hasAtMostStatements(3),
                new ShouldHaveStatementCount(null, 3, true, 4, writes));
    }

    @Test
    void theListingShowsParametersBatchesCallersAndForeignThreads() {
        assertThat(message(new ShouldHaveStatementCount(INSERT, 1, false, 2, writes))).isEqualTo("""

                Expecting 1 INSERT statement but 2 ran.
                Captured statements (4):
                  1. INSERT insert into users (name) values (?)
                       parameters: ['Ann']
                       caller: PostRepository.findAll(PostRepository.java:31)
                  2. INSERT insert into posts (title, author_id) values (?, ?)
                       parameters: ['Hi', 1]
                       batch of 50 (parameters of the first row)
                       caller: Importer.run(Importer.java:12)
                       thread: pool-1-thread-1
                  3. UPDATE update users set name = ? where id = ?
                       parameters: ['Bea', 1]
                       caller: PostRepository.findAll(PostRepository.java:31)
                  4. DELETE delete from posts where id = ?
                       parameters: [9]
                       caller: PostRepository.findAll(PostRepository.java:31)""");
    }

    @Test
    void repeatedSelectsWithDifferentParametersAreNPlusOne() {
        QueryLog log = QueryLog.of(nPlusOne);
        List<QueryAnalysis.Repeated> repeated = QueryAnalysis.repeatedSelects(nPlusOne, 1);
        assertThat(repeated).singleElement().satisfies(select -> {
            assertThat(select.normalizedSql()).isEqualTo("select u.id, u.name from users u where u.id = ?");
            assertThat(select.runs()).isEqualTo(3);
            assertThat(select.caller()).isEqualTo("PostRepository.findAll(PostRepository.java:31)");
        });
        failsWith(() -> DbAssertions.assertThat(log).hasNoRepeatedSelects(),
                new ShouldHaveNoRepeatedSelects(repeated, 1, nPlusOne));
        assertThat(message(new ShouldHaveNoRepeatedSelects(repeated, 1, nPlusOne))).startsWith("""

                Expecting no SELECT to run more than 1 time with different parameters, but this one did (N+1 queries):
                  select u.id, u.name from users u where u.id = ?
                    ran 3 times, with 3 different parameter sets, from PostRepository.findAll(PostRepository.java:31)
                Fix: load them together (a join, JOIN FETCH or an entity graph, or WHERE ... IN (...)).""");
        DbAssertions.assertThat(log).hasNoRepeatedSelects(3);   // the threshold is configurable
    }

    @Test
    void theSameSelectWithTheSameParametersOrInlineLiteralsIsJudgedByItsValues() {
        List<CapturedStatement> same = List.of(statement(SELECT, "select * from users where id = ?", 1L),
                statement(SELECT, "select * from users where id = ?", 1L));
        DbAssertions.assertThat(QueryLog.of(same)).hasNoRepeatedSelects();
        List<CapturedStatement> literals = List.of(statement(SELECT, "select * from users where id = 1"),
                statement(SELECT, "select * from users where id = 2"));
        assertThatThrownBy(() -> DbAssertions.assertThat(QueryLog.of(literals)).hasNoRepeatedSelects())
                .hasMessageContaining("select * from users where id = ?\n    ran 2 times");
    }

    @Test
    void aStatementMatchingARegexIsFoundInItsOneLineForm() {
        QueryLog log = QueryLog.of(List.of(statement(SELECT, "select *\n  from posts\n  where id = ? for update")));
        DbAssertions.assertThat(log).containsStatementMatching("from posts where id = \\? for update");
        failsWith(() -> DbAssertions.assertThat(log).containsStatementMatching("(?i)skip locked"),
                new ShouldContainStatementMatching("(?i)skip locked", log.statements()));
    }

    @Test
    void slowStatementsAreNamedWithTheirTime() {
        QueryLog log = QueryLog.of(writes);
        DbAssertions.assertThat(log).allFasterThan(Duration.ofMillis(31));
        failsWith(() -> DbAssertions.assertThat(log).allFasterThan(Duration.ofMillis(10)),
                new ShouldAllBeFasterThan(Duration.ofMillis(10), List.of(writes.get(1)), writes));
        assertThat(message(new ShouldAllBeFasterThan(Duration.ofMillis(10), List.of(writes.get(1)), writes)))
                .startsWith("\nExpecting every statement to take less than 10.00 ms, but 1 did not:\n"
                        + "  30.00 ms  insert into posts (title, author_id) values (?, ?)\n"
                        + "    caller: Importer.run(Importer.java:12)");
    }

    @Test
    void aDescriptionComesFirst() {
        assertThatThrownBy(() -> DbAssertions.assertThat(QueryLog.of(writes)).as("page").hasSelectCount(1))
                .hasMessageStartingWith("[page] \nExpecting 1 SELECT statement but 0 ran.");
    }

    @Test
    void duringOfAFixedLogIsRefusedRatherThanPassingEveryCountOfZero() {
        assertThatThrownBy(() -> QueryLog.of(writes).during(() -> { }))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("This QueryLog holds given statements and captures nothing");
    }

    @Test
    void byteArrayParametersCompareByContent() {
        List<CapturedStatement> same = List.of(
                statement(SELECT, "select * from files where hash = ?", (Object) new byte[] {1, 2}),
                statement(SELECT, "select * from files where hash = ?", (Object) new byte[] {1, 2}));
        DbAssertions.assertThat(QueryLog.of(same)).hasNoRepeatedSelects();
        assertThat(QueryAnalysis.listing(same)).contains("parameters: [<2 bytes>]");
    }
}
