package dev.dbtest.junit.blog;

public enum Role { MEMBER, ADMIN }
