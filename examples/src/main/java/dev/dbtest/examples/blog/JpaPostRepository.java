package dev.dbtest.examples.blog;

import jakarta.persistence.EntityManagerFactory;

import java.util.List;

/**
 * Posts through JPA (Hibernate ORM) over an {@code EntityManagerFactory}: what a service with an ORM writes. Each
 * method runs in a transaction of its own and commits it.
 */
public class JpaPostRepository {

    private final EntityManagerFactory entityManagerFactory;

    public JpaPostRepository(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    /**
     * Lists posts with their authors the naive way: the query loads the posts, and Hibernate then loads each post's
     * (eager) author with a SELECT of its own.
     */
    public List<PostSummary> listNaively() {
        return entityManagerFactory.callInTransaction(entityManager -> entityManager
                .createQuery("select p from Post p order by p.id", Post.class)
                .getResultList().stream().map(JpaPostRepository::summary).toList());
    }

    /** Lists posts with their authors in one query: {@code join fetch} loads the authors with the posts. */
    public List<PostSummary> listWithAuthors() {
        return entityManagerFactory.callInTransaction(entityManager -> entityManager
                .createQuery("select p from Post p join fetch p.author order by p.id", Post.class)
                .getResultList().stream().map(JpaPostRepository::summary).toList());
    }

    /** Publishes a post by an author and commits; returns the new post's id. */
    public long publish(long authorId, String title, String content) {
        return entityManagerFactory.callInTransaction(entityManager -> {
            Post post = new Post();
            post.setTitle(title);
            post.setContent(content);
            post.setAuthor(entityManager.getReference(Author.class, authorId));
            entityManager.persist(post);
            return post.getId();
        });
    }

    /** Counts the posts of an author. */
    public long countByAuthor(long authorId) {
        return entityManagerFactory.callInTransaction(entityManager -> entityManager
                .createQuery("select count(p) from Post p where p.author.id = :author", Long.class)
                .setParameter("author", authorId)
                .getSingleResult());
    }

    private static PostSummary summary(Post post) {
        return new PostSummary(post.getId(), post.getTitle(), post.getAuthor().getName());
    }
}
