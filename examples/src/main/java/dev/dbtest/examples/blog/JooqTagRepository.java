package dev.dbtest.examples.blog;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

/**
 * Tags of posts through jOOQ over a {@code DSLContext}: the many-to-many side of the blog. Written without generated
 * classes, so the tables and columns are named here; a project with jOOQ's code generator writes {@code TAGS.NAME}
 * instead.
 */
public class JooqTagRepository {

    private static final Table<?> TAGS = table(name("tags"));
    private static final Field<Long> TAG_ID = field(name("tags", "id"), Long.class);
    private static final Field<String> TAG_NAME = field(name("tags", "name"), String.class);

    private static final Table<?> POST_TAGS = table(name("post_tags"));
    private static final Field<Long> POST_TAGS_POST = field(name("post_tags", "post_id"), Long.class);
    private static final Field<Long> POST_TAGS_TAG = field(name("post_tags", "tags_id"), Long.class);

    private static final Table<?> POSTS = table(name("posts"));
    private static final Field<Long> POST_ID = field(name("posts", "id"), Long.class);
    private static final Field<String> POST_TITLE = field(name("posts", "title"), String.class);

    private final DSLContext dsl;

    public JooqTagRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Tags a post, creating the tag when it is new. Runs in a transaction that it commits. */
    public void tag(long postId, String tagName) {
        dsl.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            Long tagId = tx.select(TAG_ID).from(TAGS).where(TAG_NAME.eq(tagName)).fetchOne(TAG_ID);
            if (tagId == null) {
                tx.insertInto(TAGS, TAG_NAME).values(tagName).execute();
                tagId = tx.select(TAG_ID).from(TAGS).where(TAG_NAME.eq(tagName)).fetchSingle(TAG_ID);
            }
            tx.insertInto(POST_TAGS, POST_TAGS_POST, POST_TAGS_TAG).values(postId, tagId).execute();
        });
    }

    /** Titles of the posts with a tag, in title order. */
    public List<String> titlesTagged(String tagName) {
        return dsl.select(POST_TITLE)
                .from(POSTS)
                .join(POST_TAGS).on(POST_TAGS_POST.eq(POST_ID))
                .join(TAGS).on(TAG_ID.eq(POST_TAGS_TAG))
                .where(TAG_NAME.eq(tagName))
                .orderBy(POST_TITLE)
                .fetch(POST_TITLE);
    }

    /** How many posts each tag has, most used first, then by name; tags without posts are left out. */
    public Map<String, Integer> usage() {
        Field<Integer> posts = count().as("posts");
        Map<String, Integer> usage = new LinkedHashMap<>();
        for (Record2<String, Integer> row : dsl.select(TAG_NAME, posts)
                .from(TAGS)
                .join(POST_TAGS).on(POST_TAGS_TAG.eq(TAG_ID))
                .groupBy(TAG_NAME)
                .orderBy(posts.desc(), TAG_NAME)
                .fetch()) {
            usage.put(row.value1(), row.value2());
        }
        return usage;
    }

    /** Removes the tags that no post uses any more; returns how many. */
    public int removeUnused() {
        return dsl.deleteFrom(TAGS)
                .where(TAG_ID.notIn(select(POST_TAGS_TAG).from(POST_TAGS)))
                .execute();
    }
}
