package dev.dbtest.examples.blog;

import dev.dbtest.assertions.QueryLog;
import dev.dbtest.fixtures.Fixtures;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.List;
import javax.sql.DataSource;

import static dev.dbtest.assertions.DbAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

// Teaches: JPA with Hibernate over dbtest's DataSource (one EntityManagerFactory per class, built in @BeforeAll); an
// ORM N+1 caught and its join-fetch fix proven one SELECT; its query budget (resources/dbtest/queries) verified in CI.
// The EntityManagerFactory is built once, in @BeforeAll: its tests run one at a time, also when the suite runs in
// parallel (mvn -Pforks); other classes still run beside it.
@Execution(ExecutionMode.SAME_THREAD)
@BlogTest
class JpaExampleTests {

    private static EntityManagerFactory entityManagerFactory;

    @BeforeAll
    static void buildTheEntityManagerFactory(DataSource dataSource) {
        // The few lines to copy: the DataSource routes each connection Hibernate asks for to the running test.
        entityManagerFactory = new HibernatePersistenceConfiguration("blog")
                .managedClasses(Author.class, Post.class, Comment.class, Tag.class)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .createEntityManagerFactory();
    }

    @AfterAll
    static void closeTheEntityManagerFactory() {
        entityManagerFactory.close();
    }

    @Test
    void theNaiveListingLoadsEachAuthorAlone(Fixtures fixtures, QueryLog queries) {
        fixtures.createList(Post.class, 5);                       // five posts, five authors; not counted
        var posts = new JpaPostRepository(entityManagerFactory);

        QueryLog listing = queries.during(posts::listNaively);

        assertThat(listing).hasSelectCount(6);                    // the posts, then 5 authors one by one
        assertThatThrownBy(() -> assertThat(listing).hasNoRepeatedSelects())
                .hasMessageContaining("ran 5 times, with 5 different parameter sets, from JpaPostRepository");
    }

    @Test
    void joinFetchListsThemInOneSelect(Fixtures fixtures, QueryLog queries) {
        Author ann = fixtures.create(Author.class, author -> author.setName("Ann"));
        fixtures.createList(Post.class, 5, post -> post.setAuthor(ann));

        List<PostSummary> listing = new JpaPostRepository(entityManagerFactory).listWithAuthors();

        assertThat(listing).hasSize(5).extracting(PostSummary::author).containsOnly("Ann");
        assertThat(queries).hasSelectCount(1).hasNoRepeatedSelects();
    }

    @Test
    void aCommittedPostIsSeenInTheTestAndGoneAfterIt(Fixtures fixtures) {
        Author ann = fixtures.create(Author.class);
        var posts = new JpaPostRepository(entityManagerFactory);

        long id = posts.publish(ann.getId(), "Hello", "First post");   // Hibernate commits its transaction

        assertThat(id).isPositive();
        assertThat(posts.countByAuthor(ann.getId())).isEqualTo(1);
    }

    @Test
    void nothingOfTheOtherTestsSurvived() {
        assertThat(new JpaPostRepository(entityManagerFactory).listWithAuthors()).isEmpty();
    }
}
