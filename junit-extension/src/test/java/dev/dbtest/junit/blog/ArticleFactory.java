package dev.dbtest.junit.blog;

import dev.dbtest.fixtures.Draft;
import dev.dbtest.fixtures.Factory;

/** An article factory that depends on the author factory through a trait. */
public class ArticleFactory extends Factory<Article> {

    @Override
    public void defaults(Draft<Article> article) {
        article.set("title", "Article " + article.sequence());
    }

    public void byAnAdmin(Draft<Article> article) {
        article.association("author", "admin");
    }

    public void byAGhost(Draft<Article> article) {
        article.association("author", "ghost");
    }

    public void labelled(Draft<Article> article) {
        article.with("labels", 2);
    }
}
