package dev.dbtest.examples.blog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A comment on a post, by an author. */
@Entity
@Table(name = "comments")
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 1000)
    private String body;

    @ManyToOne(optional = false)
    private Post post;

    @ManyToOne(optional = false)
    private Author author;

    public Long getId() { return id; }
    public String getBody() { return body; }
    public Post getPost() { return post; }
    public void setPost(Post post) { this.post = post; }
    public Author getAuthor() { return author; }
}
