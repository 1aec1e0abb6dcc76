package dev.dbtest.junit.blog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinTable;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** A post: sequence id, a required author, an optional editor, tags through a join table, a large-object body. */
@Entity
@Table(name = "articles")
public class Article {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "articles")
    @SequenceGenerator(name = "articles", sequenceName = "article_ids", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 20)
    private String title;

    @Lob
    private String body;

    @ManyToOne(optional = false)
    private Author author;

    @ManyToOne
    private Author editor;

    @ManyToMany
    @JoinTable(name = "article_labels")
    private Set<Label> labels = new HashSet<>();

    public Long getId() { return id; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public Author getAuthor() { return author; }
    public void setAuthor(Author author) { this.author = author; }
    public Author getEditor() { return editor; }
    public Set<Label> getLabels() { return labels; }
}
